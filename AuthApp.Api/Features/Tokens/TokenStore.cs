using StackExchange.Redis;

namespace AuthApp.Api.Features.Tokens;

/// <summary>
/// Sessions in Redis. <c>authapp:token:{hash}</c> is a hash of the session's fields, including the account fields
/// every token check answers with, whose TTL is the token's lifetime; <c>authapp:user:{id}:sessions</c> is a sorted
/// set of the user's token hashes scored by expiry, so all of a user's sessions can be listed, rewritten and revoked
/// at once. Tokens of one login (access and refresh, across rotations) also sit in a family set (see <see cref="TokenFamilies"/>).
/// Redis errors propagate: the exception handler answers 503, so a check never fails open.
/// </summary>
public sealed class TokenStore(IConnectionMultiplexer redis, TimeProvider time)
{
    /// <summary>What every token key starts with; scripts build keys from it and a hash they read.</summary>
    public const string TokenKeyPrefix = "authapp:token:";

    public static RedisKey TokenKey(string tokenHash) => TokenKeyPrefix + tokenHash;

    /// <summary>A user's index key is the prefix, the user id in N format and the suffix; scripts build it from an id they read.</summary>
    public const string UserSessionsKeyPrefix = "authapp:user:";

    public const string UserSessionsKeySuffix = ":sessions";

    public static RedisKey UserSessionsKey(Guid userId) => $"{UserSessionsKeyPrefix}{userId:N}{UserSessionsKeySuffix}";

    /// <summary>
    /// The live session for a token hash, or null when unknown, revoked or expired. One Redis command (HMGET):
    /// this is the whole token check, with no database read (decision 0082).
    /// </summary>
    public async Task<TokenSession?> FindAsync(string tokenHash)
    {
        var values = await redis.GetDatabase().HashGetAsync(TokenKey(tokenHash), TokenFields.Names);
        var session = TokenFields.Read(tokenHash, values);
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

    /// <summary>Every live token of a user: access tokens only unless <paramref name="includeRefresh"/>.</summary>
    public async Task<IReadOnlyList<TokenSession>> ListForUserAsync(Guid userId, bool includeRefresh = false)
    {
        var hashes = await redis.GetDatabase().SortedSetRangeByScoreAsync(UserSessionsKey(userId));
        var sessions = new List<TokenSession>(hashes.Length);
        foreach (var hash in hashes)
        {
            if (await FindAsync(hash.ToString()) is { } session && (includeRefresh || session.Kind == TokenKinds.Access))
            {
                sessions.Add(session);
            }
        }

        return sessions;
    }

    /// <summary>
    /// Revokes all of a user's tokens at once (one atomic script, so a refresh racing with it cannot
    /// leave a new token behind), except those of <paramref name="exceptFamily"/> when given, and replaces
    /// the account's version stamp, so a login that read the account before this cannot store its session.
    /// Returns how many sessions (token families) were ended.
    /// </summary>
    public async Task<long> RevokeAllForUserAsync(Guid userId, string? exceptFamily = null)
    {
        var result = await TokenScripts.RevokeAllForUser.EvaluateAsync(
            redis.GetDatabase(),
            [UserSessionsKey(userId), TokenFamilies.LiveSessionsKey, AccountVersions.Key(userId)],
            [exceptFamily ?? string.Empty, AccountVersions.NewStamp(), (long)AccountVersions.Lifetime.TotalMilliseconds]);
        return (long)result;
    }

    /// <summary>
    /// Rewrites the account fields of every live token of the user in one atomic script and replaces the version
    /// stamp, so the next token check shows the change. Returns how many tokens were rewritten.
    /// </summary>
    public async Task<long> UpdateAccountAsync(AccountSnapshot account)
    {
        var stamp = AccountVersions.NewStamp();
        RedisValue[] arguments =
        [
            stamp, (long)AccountVersions.Lifetime.TotalMilliseconds,
            .. TokenFields.AccountFields(account, stamp).SelectMany(field => new[] { field.Name, field.Value }),
        ];
        var result = await TokenScripts.UpdateAccount.EvaluateAsync(redis.GetDatabase(), [UserSessionsKey(account.UserId), AccountVersions.Key(account.UserId)], arguments);
        return (long)result;
    }
}
