using StackExchange.Redis;

namespace AuthApp.Benchmarks.Soak;

/// <summary>How many keys Redis holds, and which (by prefix) have no expiry: those are the ones that could pile up.</summary>
internal static class RedisKeyCensus
{
    public sealed record Census(long Keys, IReadOnlyDictionary<string, long> WithoutExpiry);

    public static async Task<Census> TakeAsync(IConnectionMultiplexer redis)
    {
        var server = redis.GetServers().Single();
        var database = redis.GetDatabase();
        var without = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var key in server.KeysAsync(pattern: "*", pageSize: 1000))
        {
            // -1: the key exists without an expiry (-2, gone since the scan, is not a leftover).
            if ((long)await database.ExecuteAsync("PTTL", key) != -1) continue;
            var prefix = Prefix(key.ToString());
            without[prefix] = without.GetValueOrDefault(prefix) + 1;
        }

        return new Census(await server.DatabaseSizeAsync(), without);
    }

    /// <summary><c>authapp:token:abc…</c> → <c>authapp:token:*</c>; ids are dropped, the kind of key stays.</summary>
    private static string Prefix(string key)
    {
        var parts = key.Split(':');
        return parts.Length <= 2 ? key : string.Join(':', parts.Take(2)) + ":*";
    }
}
