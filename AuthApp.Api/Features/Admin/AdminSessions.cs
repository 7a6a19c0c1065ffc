using AuthApp.Api.Data;
using AuthApp.Api.Features.Audit;
using AuthApp.Api.Features.Sessions;
using AuthApp.Api.Features.Tokens;
using AuthApp.Api.Infrastructure;

namespace AuthApp.Api.Features.Admin;

/// <summary>
/// A user's live sessions as admins see and end them. A session is a token family (one login and its
/// refreshes), as on <c>/users/me/sessions</c>: ending one deletes its access and refresh tokens together,
/// so no refresh token survives to mint new access tokens.
/// </summary>
public sealed partial class AdminSessions(AuthDbContext db, TokenStore tokens, TokenFamilies families, IAuditLog audit, ILogger<AdminSessions> logger)
{
    /// <summary>The user's live sessions, newest first; null when the user does not exist.</summary>
    public async Task<IReadOnlyList<SessionResponse>?> ListAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (await db.Users.FindAsync([userId], cancellationToken) is null) return null;
        return SessionResponse.From(await tokens.ListForUserAsync(userId, includeRefresh: true), currentFamily: null);
    }

    /// <summary>Ends one session (token family) of the user; false when the user has no such live session.</summary>
    public async Task<bool> RevokeAsync(Guid userId, string sessionId, HttpContext context)
    {
        // The family must be one of this user's live ones: a session id of another user never matches.
        var owned = (await tokens.ListForUserAsync(userId, includeRefresh: true))
            .Any(t => string.Equals(t.FamilyId, sessionId, StringComparison.Ordinal));
        if (!owned) return false;
        var revoked = await families.RevokeFamilyAsync(sessionId, userId);
        if (revoked == 0) return false;
        AuthTelemetry.Revocations.Add(1);
        await audit.RecordAsync(context, AuditEventTypes.AdminSessionRevoked, AuditOutcomes.Success, userId.ToString(), $"session {sessionId}");
        LogRevoked(logger, userId, 1);
        return true;
    }

    /// <summary>Ends every session of the user; null when the user does not exist.</summary>
    public async Task<long?> RevokeAllAsync(Guid userId, HttpContext context)
    {
        if (await db.Users.FindAsync([userId], context.RequestAborted) is null) return null;
        var revoked = await tokens.RevokeAllForUserAsync(userId);
        if (revoked > 0) AuthTelemetry.Revocations.Add(revoked);
        await audit.RecordAsync(context, AuditEventTypes.AdminSessionsRevoked, AuditOutcomes.Success, userId.ToString(), $"{revoked} sessions ended");
        LogRevoked(logger, userId, revoked);
        return revoked;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin revoked {Count} session(s) of user {UserId}")]
    private static partial void LogRevoked(ILogger logger, Guid userId, long count);
}
