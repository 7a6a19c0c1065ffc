using System.Collections.Concurrent;
using System.Text.Json;
using StackExchange.Redis;

namespace AuthApp.Api.Features.Tokens;

/// <summary>
/// The field layout of <c>authapp:token:{hash}</c>. Reads ask for the fields by name in a fixed order (HMGET), so
/// parsing is by position: no dictionary, no field-name strings per request.
/// </summary>
internal static class TokenFields
{
    public static readonly RedisValue[] Names =
    [
        "kind", "user_id", "email", "roles", "issued_at", "expires_at", "client_address", "user_agent", "family_id",
        "session_started_at", "display_name", "created_at", "account_version", "active",
    ];

    // Few distinct role sets exist (none, "user", "admin", ...): their parsed arrays are shared, not re-parsed per check.
    private static readonly ConcurrentDictionary<string, string[]> ParsedRoles = new(StringComparer.Ordinal);
    private const int MaxCachedRoleSets = 256;

    public static HashEntry[] From(TokenSession session) =>
    [
        new("kind", session.Kind),
        new("user_id", session.UserId.ToString()),
        new("issued_at", session.IssuedAt.ToUnixTimeMilliseconds()),
        new("expires_at", session.ExpiresAt.ToUnixTimeMilliseconds()),
        new("client_address", session.ClientAddress ?? string.Empty),
        new("user_agent", session.UserAgent ?? string.Empty),
        new("family_id", session.FamilyId ?? string.Empty),
        new("session_started_at", session.SessionStartedAt?.ToUnixTimeMilliseconds() ?? 0),
        .. AccountFields(new AccountSnapshot(session.UserId, session.Email, session.DisplayName, session.Roles, session.AccountCreatedAt), session.AccountVersion),
    ];

    /// <summary>The fields an account change rewrites in place.</summary>
    public static HashEntry[] AccountFields(AccountSnapshot account, string version) =>
    [
        new("email", account.Email),
        new("roles", JsonSerializer.Serialize(account.Roles)),
        new("display_name", account.DisplayName ?? string.Empty),
        new("created_at", account.CreatedAt.ToUnixTimeMilliseconds()),
        new("account_version", version),
        // Sessions exist only for active accounts (disabling ends them); the flag makes that explicit in the data.
        new("active", 1),
    ];

    /// <summary>The session in <paramref name="values"/> (ordered as <see cref="Names"/>), or null when absent or damaged.</summary>
    public static TokenSession? Read(string tokenHash, RedisValue[] values)
    {
        if (values[0].IsNull
            || !Guid.TryParse((string?)values[1], out var userId)
            || !values[4].TryParse(out long issued)
            || !values[5].TryParse(out long expires)
            || !values[13].TryParse(out int active) || active != 1)
        {
            return null;
        }

        return new TokenSession(
            tokenHash,
            values[0] == TokenKinds.Refresh ? TokenKinds.Refresh : TokenKinds.Access,
            userId,
            (string?)values[2] ?? string.Empty,
            Roles((string?)values[3]),
            DateTimeOffset.FromUnixTimeMilliseconds(issued),
            DateTimeOffset.FromUnixTimeMilliseconds(expires),
            NullIfEmpty(values[6]),
            NullIfEmpty(values[7]),
            NullIfEmpty(values[8]),
            values[9].TryParse(out long started) && started > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(started) : null)
        {
            DisplayName = NullIfEmpty(values[10]),
            AccountCreatedAt = values[11].TryParse(out long created) ? DateTimeOffset.FromUnixTimeMilliseconds(created) : default,
            AccountVersion = (string?)values[12] ?? AccountVersions.Initial,
        };
    }

    private static string[] Roles(string? json)
    {
        if (json is null or "[]") return [];
        if (ParsedRoles.TryGetValue(json, out var cached)) return cached;
        var roles = JsonSerializer.Deserialize<string[]>(json) ?? [];
        if (ParsedRoles.Count < MaxCachedRoleSets) ParsedRoles.TryAdd(json, roles);
        return roles;
    }

    private static string? NullIfEmpty(RedisValue value) => value.IsNullOrEmpty ? null : (string?)value;
}
