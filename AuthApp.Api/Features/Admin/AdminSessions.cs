using AuthApp.Api.Data;
using AuthApp.Api.Features.Tokens;
using AuthApp.Api.Infrastructure;

namespace AuthApp.Api.Features.Admin;

/// <summary>A user's live sessions as admins see and end them.</summary>
public sealed partial class AdminSessions(AuthDbContext db, TokenStore tokens, SessionIds ids, ILogger<AdminSessions> logger)
{
    /// <summary>The user's live sessions, oldest expiry first; null when the user does not exist.</summary>
    public async Task<IReadOnlyList<SessionResponse>?> ListAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (await db.Users.FindAsync([userId], cancellationToken) is null) return null;
        var sessions = await tokens.ListForUserAsync(userId);
        return [.. sessions.Select(s => new SessionResponse(ids.For(s.TokenHash), s.Kind, s.IssuedAt, s.ExpiresAt, s.ClientAddress, s.UserAgent))];
    }

    /// <summary>Ends one session by its opaque id; false when the user has no such live session.</summary>
    public async Task<bool> RevokeAsync(Guid userId, string sessionId)
    {
        var sessions = await tokens.ListForUserAsync(userId);
        var session = sessions.FirstOrDefault(s => string.Equals(ids.For(s.TokenHash), sessionId, StringComparison.Ordinal));
        if (session is null || !await tokens.RevokeAsync(session.TokenHash)) return false;
        AuthTelemetry.Revocations.Add(1);
        LogRevoked(logger, userId, 1);
        return true;
    }

    /// <summary>Ends every session of the user; null when the user does not exist.</summary>
    public async Task<long?> RevokeAllAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (await db.Users.FindAsync([userId], cancellationToken) is null) return null;
        var revoked = await tokens.RevokeAllForUserAsync(userId);
        if (revoked > 0) AuthTelemetry.Revocations.Add(revoked);
        LogRevoked(logger, userId, revoked);
        return revoked;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin revoked {Count} session(s) of user {UserId}")]
    private static partial void LogRevoked(ILogger logger, Guid userId, long count);
}
