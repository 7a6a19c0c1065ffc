namespace AuthApp.Api.Features.Tokens;

/// <summary>
/// Lua scripts that store a new access and refresh token pair: at login (<see cref="Start"/>) and at a refresh
/// (<see cref="RefreshScript"/>). A script is atomic like a WATCH transaction, but takes one round trip and never
/// holds the shared connection while a condition is checked, so concurrent requests do not queue behind it.
/// KEYS: 1 account version key, 2 user index, 3 family set, 4 family set (unused), 5 live-sessions set,
/// 6 new access token, 7 new refresh token.
/// ARGV: 1 expected version, 2-4 unused, 5 now (ms), 6-8 access hash, TTL (ms) and expiry (ms), 9-11 the same for
/// refresh, 12 family id, 13 n = number of field arguments per token, then n access fields and n refresh fields.
/// </summary>
internal static class PairScripts
{
    /// <summary>Login: stores the pair only if the account's version stamp is still the one read before the row.</summary>
    public const string Start = """
        if (redis.call('GET', KEYS[1]) or '0') ~= ARGV[1] then return 0 end
        """ + StorePair;

    // GT extends an index's or family's TTL, NX sets a missing one.
    private const string StorePair = """

        local n = tonumber(ARGV[13])
        local function store(key, hash, ttl, expires, first)
          redis.call('HSET', key, unpack(ARGV, first, first + n - 1))
          redis.call('PEXPIRE', key, ttl)
          redis.call('ZADD', KEYS[2], expires, hash)
          redis.call('SADD', KEYS[3], hash)
        end
        store(KEYS[6], ARGV[6], ARGV[7], ARGV[8], 14)
        store(KEYS[7], ARGV[9], ARGV[10], ARGV[11], 14 + n)
        -- The index and the family live as long as the longer-lived of the two tokens.
        local ttl = math.max(tonumber(ARGV[7]), tonumber(ARGV[10]))
        for _, key in ipairs({ KEYS[2], KEYS[3] }) do
          redis.call('PEXPIRE', key, ttl, 'GT')
          redis.call('PEXPIRE', key, ttl, 'NX')
        end
        -- Entries of tokens that already expired are dropped here, so the index and the set stay small.
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[5])
        redis.call('ZADD', KEYS[5], ARGV[11], ARGV[12])
        redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', ARGV[5])
        return 1
        """;
}
