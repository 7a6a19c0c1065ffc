using System.Text.Json;
using StackExchange.Redis;

namespace AuthApp.Api.Features.Tokens;

/// <summary>
/// Sessions in Redis. <c>authapp:token:{hash}</c> is a hash of the session's fields whose TTL is the
/// token's lifetime; <c>authapp:user:{id}:sessions</c> is a sorted set of the user's token hashes
/// scored by expiry, so all of a user's sessions can be listed and revoked at once.
/// Redis errors propagate: the exception handler answers 503, so a check never fails open.
/// </summary>
public sealed class TokenStore(IConnectionMultiplexer redis, TimeProvider time)
{
    public static RedisKey TokenKey(string tokenHash) => $"authapp:token:{tokenHash}";

    public static RedisKey UserSessionsKey(Guid userId) => $"authapp:user:{userId:N}:sessions";

    public async Task StoreAsync(TokenSession session)
    {
        var ttl = session.ExpiresAt - session.IssuedAt;
        var userKey = UserSessionsKey(session.UserId);
        var transaction = redis.GetDatabase().CreateTransaction();
        _ = transaction.HashSetAsync(TokenKey(session.TokenHash), ToFields(session));
        _ = transaction.KeyExpireAsync(TokenKey(session.TokenHash), ttl);
        _ = transaction.SortedSetAddAsync(userKey, session.TokenHash, session.ExpiresAt.ToUnixTimeMilliseconds());
        // Entries whose token already expired are dropped here, so the index stays small.
        _ = transaction.SortedSetRemoveRangeByScoreAsync(userKey, double.NegativeInfinity, time.GetUtcNow().ToUnixTimeMilliseconds());
        _ = transaction.KeyExpireAsync(userKey, ttl, ExpireWhen.GreaterThanCurrentExpiry);
        _ = transaction.KeyExpireAsync(userKey, ttl, ExpireWhen.HasNoExpiry);
        await transaction.ExecuteAsync();
    }

    /// <summary>The live session for a token hash, or null when unknown, revoked or expired.</summary>
    public async Task<TokenSession?> FindAsync(string tokenHash)
    {
        var fields = await redis.GetDatabase().HashGetAllAsync(TokenKey(tokenHash));
        if (fields.Length == 0) return null;
        var session = FromFields(tokenHash, fields.ToDictionary(f => f.Name.ToString(), f => f.Value.ToString()));
        // Redis expiry has a granularity; our clock is the authority on the exact instant.
        return session is not null && session.ExpiresAt > time.GetUtcNow() ? session : null;
    }

    /// <summary>Deletes one token; true when it existed. Revoking twice is harmless.</summary>
    public async Task<bool> RevokeAsync(string tokenHash)
    {
        var database = redis.GetDatabase();
        var fields = await database.HashGetAsync(TokenKey(tokenHash), "user_id");
        var removed = await database.KeyDeleteAsync(TokenKey(tokenHash));
        if (Guid.TryParse(fields.ToString(), out var userId))
        {
            await database.SortedSetRemoveAsync(UserSessionsKey(userId), tokenHash);
        }

        return removed;
    }

    /// <summary>Every live session of a user (for the sessions list of issues 4 and 5).</summary>
    public async Task<IReadOnlyList<TokenSession>> ListForUserAsync(Guid userId)
    {
        var hashes = await redis.GetDatabase().SortedSetRangeByScoreAsync(UserSessionsKey(userId));
        var sessions = new List<TokenSession>(hashes.Length);
        foreach (var hash in hashes)
        {
            if (await FindAsync(hash.ToString()) is { } session) sessions.Add(session);
        }

        return sessions;
    }

    /// <summary>Revokes all of a user's tokens at once; returns how many were live.</summary>
    public async Task<long> RevokeAllForUserAsync(Guid userId)
    {
        var database = redis.GetDatabase();
        var hashes = await database.SortedSetRangeByScoreAsync(UserSessionsKey(userId));
        var keys = hashes.Select(h => TokenKey(h.ToString())).Append(UserSessionsKey(userId)).ToArray();
        var deleted = await database.KeyDeleteAsync(keys);
        return Math.Max(0, deleted - 1);
    }

    private static HashEntry[] ToFields(TokenSession session) =>
    [
        new("kind", session.Kind),
        new("user_id", session.UserId.ToString()),
        new("email", session.Email),
        new("roles", JsonSerializer.Serialize(session.Roles)),
        new("issued_at", session.IssuedAt.ToUnixTimeMilliseconds()),
        new("expires_at", session.ExpiresAt.ToUnixTimeMilliseconds()),
        new("client_address", session.ClientAddress ?? string.Empty),
        new("user_agent", session.UserAgent ?? string.Empty),
        new("family_id", session.FamilyId ?? string.Empty),
    ];

    private static TokenSession? FromFields(string tokenHash, Dictionary<string, string> fields)
    {
        if (!Guid.TryParse(fields.GetValueOrDefault("user_id"), out var userId)
            || !long.TryParse(fields.GetValueOrDefault("issued_at"), out var issued)
            || !long.TryParse(fields.GetValueOrDefault("expires_at"), out var expires))
        {
            return null;
        }

        return new TokenSession(
            tokenHash,
            fields.GetValueOrDefault("kind") ?? TokenKinds.Access,
            userId,
            fields.GetValueOrDefault("email") ?? string.Empty,
            JsonSerializer.Deserialize<string[]>(fields.GetValueOrDefault("roles") ?? "[]") ?? [],
            DateTimeOffset.FromUnixTimeMilliseconds(issued),
            DateTimeOffset.FromUnixTimeMilliseconds(expires),
            NullIfEmpty(fields.GetValueOrDefault("client_address")),
            NullIfEmpty(fields.GetValueOrDefault("user_agent")),
            NullIfEmpty(fields.GetValueOrDefault("family_id")));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
