using System.Security.Cryptography;
using StackExchange.Redis;

namespace AuthApp.Api.Features.Tokens;

/// <summary>
/// <c>authapp:user:{id}:version</c>: a random stamp every account change replaces (in the same Lua script that
/// rewrites or ends the user's sessions). A login reads it before it reads the account row and stores its
/// session only if the stamp is still the same, so a login racing a change cannot store the old account.
/// </summary>
public sealed class AccountVersions(IConnectionMultiplexer redis)
{
    /// <summary>The stamp of an account no change has touched (or whose stamp expired).</summary>
    public const string Initial = "0";

    public static RedisKey Key(Guid userId) => $"authapp:user:{userId:N}:version";

    /// <summary>
    /// How long a stamp is kept: a login reads and compares it within seconds, so an expired stamp only means no
    /// change happened for this long. Sessions compare their own copied stamp, never this key's age.
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    public async Task<string> ReadAsync(Guid userId) =>
        (string?)await redis.GetDatabase().StringGetAsync(Key(userId)) ?? Initial;

    /// <summary>A fresh stamp: random, so an expired key can never bring an old value back.</summary>
    public static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
