using AuthApp.Api.Features.Tokens;

namespace AuthApp.Api.Features.Sessions;

/// <summary>
/// One session (a login and its refreshes) as its owner sees it. <see cref="Id"/> is the session's
/// random family id: never the token or its hash. <see cref="Current"/> marks the caller's own session.
/// </summary>
public sealed record SessionResponse(
    string Id, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, string? ClientAddress, string? UserAgent, bool Current)
{
    /// <summary>Groups a user's live tokens into sessions; the newest token gives address and user agent.</summary>
    public static IReadOnlyList<SessionResponse> From(IEnumerable<TokenSession> tokens, string? currentFamily) =>
        tokens.Where(t => t.FamilyId is not null)
            .GroupBy(t => t.FamilyId!)
            .Select(family =>
            {
                var newest = family.MaxBy(t => t.IssuedAt)!;
                return new SessionResponse(
                    family.Key,
                    family.Min(t => t.SessionStartedAt ?? t.IssuedAt),
                    family.Max(t => t.ExpiresAt),
                    newest.ClientAddress,
                    newest.UserAgent,
                    family.Key == currentFamily);
            })
            .OrderByDescending(s => s.IssuedAt)
            .ToList();
}

/// <summary>How many sessions an action ended.</summary>
public sealed record RevokedSessionsResponse(long RevokedSessions);

/// <summary>Body of <c>POST /users/me/password</c>. Unknown fields are refused.</summary>
public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);
