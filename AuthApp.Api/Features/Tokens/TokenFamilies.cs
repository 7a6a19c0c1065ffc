using AuthApp.Api.Features.Audit;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AuthApp.Api.Features.Tokens;

/// <summary>A rotated refresh token presented again: the family it belonged to and its user.</summary>
public sealed record ReusedRefreshToken(string FamilyId, Guid UserId);

/// <summary>What a revocation ended: the user, the session (family, if the token had one) and how many tokens.</summary>
public sealed record RevokedSession(Guid UserId, string? FamilyId, long TokensDeleted);

/// <summary>The new pair a refresh stores (hashes only), and where the request came from.</summary>
public sealed record RefreshPair(
    string PresentedHash, string AccessHash, TimeSpan AccessLifetime, string RefreshHash, TimeSpan RefreshLifetime,
    DateTimeOffset Now, string ClientAddress, string UserAgent, string? Actor);

/// <summary>The session a refresh continued.</summary>
public sealed record RefreshedSession(Guid UserId, string FamilyId);

/// <summary>Who ended a session through /revoke, for its audit event.</summary>
public sealed record RevocationOrigin(string? Actor, string? ClientAddress);

/// <summary>
/// Token families (RFC 6749 §6 rotation with reuse detection). One login starts a family holding its
/// access and refresh token; each refresh swaps the refresh token for a new pair in the same family.
/// <c>authapp:family:{id}</c> is the set of the family's token hashes; <c>authapp:refresh-used:{hash}</c>
/// remembers a rotated refresh token for one refresh lifetime, so presenting it again is recognised
/// as theft and ends the whole family. <c>authapp:sessions:live</c> scores each family by its expiry.
/// </summary>
public sealed class TokenFamilies(IConnectionMultiplexer redis, TimeProvider time, IOptions<RefreshTokenOptions> options, AuditOutbox audit)
{
    public static readonly RedisKey LiveSessionsKey = "authapp:sessions:live";

    /// <summary>What every family key starts with; scripts build keys from it and a family id they read.</summary>
    public const string FamilyKeyPrefix = "authapp:family:";

    public static RedisKey FamilyKey(string familyId) => FamilyKeyPrefix + familyId;

    public static RedisKey UsedKey(string tokenHash) => $"authapp:refresh-used:{tokenHash}";

    /// <summary>
    /// Stores the first access and refresh token of a new family, only if the account's version stamp is still
    /// <paramref name="accountVersion"/> (read before the account row): false when an account change came in between.
    /// </summary>
    public async Task<bool> StartAsync(TokenSession access, TokenSession refresh, string accountVersion)
    {
        var accessFields = TokenFields.From(access);
        var refreshFields = TokenFields.From(refresh);
        var arguments = new RedisValue[10 + (accessFields.Length * 2) + (refreshFields.Length * 2)];
        arguments[0] = accountVersion;
        arguments[1] = time.GetUtcNow().ToUnixTimeMilliseconds();
        Pair(2, access);
        Pair(5, refresh);
        arguments[8] = refresh.FamilyId;
        arguments[9] = accessFields.Length * 2;
        var next = 10;
        foreach (var field in accessFields.Concat(refreshFields))
        {
            arguments[next++] = field.Name;
            arguments[next++] = field.Value;
        }

        RedisKey[] keys =
        [
            AccountVersions.Key(access.UserId), TokenStore.UserSessionsKey(access.UserId), FamilyKey(access.FamilyId!), LiveSessionsKey,
            TokenStore.TokenKey(access.TokenHash), TokenStore.TokenKey(refresh.TokenHash),
        ];
        return (long)await PairScripts.Start.EvaluateAsync(redis.GetDatabase(), keys, arguments) == 1;

        void Pair(int at, TokenSession token)
        {
            arguments[at] = token.TokenHash;
            arguments[at + 1] = (long)(token.ExpiresAt - token.IssuedAt).TotalMilliseconds;
            arguments[at + 2] = token.ExpiresAt.ToUnixTimeMilliseconds();
        }
    }

    /// <summary>
    /// A refresh in one atomic script (<see cref="RefreshScript"/>): retires the presented refresh token and stores the
    /// new pair with the account copied from it, and records the audit event. Of concurrent refreshes with one token
    /// exactly one commits. Null when the presented token is not a live refresh token.
    /// </summary>
    public async Task<RefreshedSession?> RefreshAsync(RefreshPair pair)
    {
        var result = await RefreshScript.Lua.EvaluateAsync(
            redis.GetDatabase(),
            [
                TokenStore.TokenKey(pair.PresentedHash), UsedKey(pair.PresentedHash), LiveSessionsKey,
                TokenStore.TokenKey(pair.AccessHash), TokenStore.TokenKey(pair.RefreshHash), audit.Key,
            ],
            [
                pair.PresentedHash, pair.Now.ToUnixTimeMilliseconds(), (long)options.Value.RefreshTokenLifetime.TotalMilliseconds,
                pair.AccessHash, (long)pair.AccessLifetime.TotalMilliseconds, (pair.Now + pair.AccessLifetime).ToUnixTimeMilliseconds(),
                pair.RefreshHash, (long)pair.RefreshLifetime.TotalMilliseconds, (pair.Now + pair.RefreshLifetime).ToUnixTimeMilliseconds(),
                pair.ClientAddress, pair.UserAgent, AuditOutbox.NewEventId(), pair.Actor ?? string.Empty,
            ]);
        return !result.IsNull && (RedisResult[]?)result is [var user, var family] && Guid.TryParse((string?)user, out var userId)
            ? new RefreshedSession(userId, (string)family!)
            : null;
    }

    /// <summary>The family of a refresh token that was already rotated, or null if it never was.</summary>
    public async Task<ReusedRefreshToken?> FindReusedAsync(string tokenHash)
    {
        var value = (string?)await redis.GetDatabase().StringGetAsync(UsedKey(tokenHash));
        var parts = value?.Split(' ');
        return parts is [var family, var user] && Guid.TryParse(user, out var userId) ? new ReusedRefreshToken(family, userId) : null;
    }

    /// <summary>Ends a session: deletes every access and refresh token of the family at once. Returns how many were live.</summary>
    public async Task<long> RevokeFamilyAsync(string familyId, Guid userId)
    {
        var result = await TokenScripts.RevokeFamily.EvaluateAsync(
            redis.GetDatabase(),
            [FamilyKey(familyId), TokenStore.UserSessionsKey(userId), LiveSessionsKey],
            [familyId]);
        return (long)result;
    }

    /// <summary>
    /// Ends the session of a presented token (its whole family) in one atomic script and round trip; the session's
    /// user and family, or null when the token is unknown, expired or already revoked.
    /// </summary>
    public async Task<RevokedSession?> RevokeByTokenAsync(string tokenHash, RevocationOrigin origin)
    {
        var result = await TokenScripts.RevokeByToken.EvaluateAsync(
            redis.GetDatabase(),
            [TokenStore.TokenKey(tokenHash), LiveSessionsKey, audit.Key],
            [
                time.GetUtcNow().ToUnixTimeMilliseconds(), AuditOutbox.NewEventId(), origin.Actor ?? string.Empty, origin.ClientAddress ?? string.Empty,
            ]);
        if (result.IsNull || (RedisResult[]?)result is not [var user, var family, var deleted] || !Guid.TryParse((string?)user, out var userId)) return null;
        return new RevokedSession(userId, (string?)family is { Length: > 0 } id ? id : null, (long)deleted);
    }

    /// <summary>Sessions whose refresh token has not expired, across all users (for the live-sessions gauge).</summary>
    public long CountLive() =>
        redis.GetDatabase().SortedSetLength(LiveSessionsKey, time.GetUtcNow().ToUnixTimeMilliseconds(), double.PositiveInfinity);
}
