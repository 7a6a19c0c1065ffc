using System.Security.Cryptography;
using System.Text;
using AuthApp.Api.Infrastructure;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AuthApp.Api.Features.Protection;

/// <summary>What a failed login did to the counters.</summary>
public sealed record FailureOutcome(bool AccountLockedNow, bool AddressLockedNow, DateTimeOffset? LockedUntil);

/// <summary>
/// Failed-login counters in Redis, per account (keyed by the normalised email, whether or not an
/// account exists, so locking reveals nothing) and per client address. N failures within the window
/// lock for BaseLockout × GrowthFactor^(locks so far), capped at MaxLockout. Times come from
/// <see cref="TimeProvider"/> and are compared in a Lua script, so counting is atomic and testable
/// with a fake clock; Redis TTLs only clean up.
/// </summary>
public sealed class LoginThrottle(IConnectionMultiplexer redis, TimeProvider time, IOptionsMonitor<AccountLockoutOptions> options)
{
    private static readonly RedisScript RecordFailureScript = new("""
        local now = tonumber(ARGV[1])
        local lockedUntil = tonumber(redis.call('HGET', KEYS[1], 'locked_until') or '0')
        if lockedUntil > now then return {0, lockedUntil} end
        local last = tonumber(redis.call('HGET', KEYS[1], 'last_failure') or '0')
        local locks = tonumber(redis.call('HGET', KEYS[1], 'locks') or '0')
        if now - last >= tonumber(ARGV[7]) then locks = 0 end
        local start = tonumber(redis.call('HGET', KEYS[1], 'window_start') or '0')
        local failures = tonumber(redis.call('HGET', KEYS[1], 'failures') or '0')
        if now - start >= tonumber(ARGV[2]) then failures = 0; start = now end
        failures = failures + 1
        local lockedNow = 0
        if failures >= tonumber(ARGV[3]) then
          locks = locks + 1
          lockedUntil = now + math.floor(math.min(tonumber(ARGV[4]) * tonumber(ARGV[5]) ^ (locks - 1), tonumber(ARGV[6])))
          failures = 0
          start = now
          lockedNow = 1
        end
        redis.call('HSET', KEYS[1], 'failures', failures, 'window_start', start, 'locked_until', lockedUntil, 'locks', locks, 'last_failure', now)
        redis.call('PEXPIRE', KEYS[1], ARGV[8])
        return {lockedNow, lockedUntil}
        """);

    /// <summary>True when the account or the address is locked now: the login is refused unchecked.</summary>
    public async Task<bool> IsLockedAsync(string normalizedEmail, string? clientAddress)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var database = redis.GetDatabase();
        var account = database.HashGetAsync(AccountKey(normalizedEmail), "locked_until");
        var address = database.HashGetAsync(AddressKey(clientAddress), "locked_until");
        return ((long?)await account ?? 0) > now || ((long?)await address ?? 0) > now;
    }

    /// <summary>Counts a failure against both the account and the address.</summary>
    public async Task<FailureOutcome> RecordFailureAsync(string normalizedEmail, string? clientAddress)
    {
        var settings = options.CurrentValue;
        var account = await RecordAsync(AccountKey(normalizedEmail), settings.MaxFailedAttempts, settings);
        var address = await RecordAsync(AddressKey(clientAddress), settings.MaxFailedAttemptsPerAddress, settings);
        var until = account.LockedNow ? account.Until : address.LockedNow ? address.Until : (DateTimeOffset?)null;
        return new FailureOutcome(account.LockedNow, address.LockedNow, until);
    }

    /// <summary>A successful login forgives the account's failures (not the address's).</summary>
    public Task ResetAsync(string normalizedEmail) => redis.GetDatabase().KeyDeleteAsync(AccountKey(normalizedEmail));

    /// <summary>The email is hashed so Redis holds no address book of who tried to log in.</summary>
    public static RedisKey AccountKey(string normalizedEmail) =>
        $"authapp:lockout:account:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedEmail)))}";

    public static RedisKey AddressKey(string? clientAddress) => $"authapp:lockout:address:{clientAddress ?? "unknown"}";

    private async Task<(bool LockedNow, DateTimeOffset Until)> RecordAsync(RedisKey key, int maxFailures, AccountLockoutOptions settings)
    {
        var keep = Max(settings.Memory, settings.MaxLockout) + settings.Window;
        var result = (RedisResult[])(await RecordFailureScript.EvaluateAsync(
            redis.GetDatabase(),
            [key],
            [
                time.GetUtcNow().ToUnixTimeMilliseconds(),
                (long)settings.Window.TotalMilliseconds,
                maxFailures,
                (long)settings.BaseLockout.TotalMilliseconds,
                settings.GrowthFactor,
                (long)settings.MaxLockout.TotalMilliseconds,
                (long)settings.Memory.TotalMilliseconds,
                (long)keep.TotalMilliseconds,
            ]))!;
        return ((long)result[0] == 1, DateTimeOffset.FromUnixTimeMilliseconds((long)result[1]));
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
