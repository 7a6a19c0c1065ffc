using AuthApp.Api.Infrastructure;
using StackExchange.Redis;

namespace AuthApp.Api.Features.Audit;

/// <summary>
/// Which replica drains the outbox (decision 0108): a Redis key holding the holder's id, taken when free and renewed by
/// its holder on every pass. Correctness does not rest on it: two drains at once store each event once (the insert
/// skips an id seen before) and each trims only what it stored. It keeps the others from doing the work twice, and a
/// holder that dies is replaced when its lease runs out.
/// </summary>
internal sealed class AuditDrainLease(RedisKey key)
{
    /// <summary>How long a holder that stopped renewing keeps the outbox: longer than a pass, short for a takeover.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    /// <summary>KEYS: the lease. ARGV: this replica's id, the lifetime (ms). 1 when this replica holds it now.</summary>
    private static readonly RedisScript Take = new("""
        if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          return 1
        end
        return 0
        """);

    /// <summary>KEYS: the lease. ARGV: this replica's id. Ends the lease only if this replica holds it.</summary>
    private static readonly RedisScript Give = new("""
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """);

    /// <summary>Unique per drain, not per process: the test suite runs several APIs in one process.</summary>
    private readonly string _holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Takes the lease when it is free, or renews it when this replica holds it; true when it does.</summary>
    public async Task<bool> TakeAsync(IDatabase database) =>
        (long)await Take.EvaluateAsync(database, [key], [_holder, (long)Lifetime.TotalMilliseconds]) == 1;

    /// <summary>Gives the lease up, so another replica takes over at once rather than when it runs out.</summary>
    public async Task GiveUpAsync(IDatabase database) => await Give.EvaluateAsync(database, [key], [_holder]);
}
