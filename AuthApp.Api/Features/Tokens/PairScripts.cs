using AuthApp.Api.Infrastructure;

namespace AuthApp.Api.Features.Tokens;

/// <summary>
/// The Lua script that stores a login's first access and refresh token pair (a refresh has its own,
/// <see cref="RefreshScript"/>). A script is atomic like a WATCH transaction, but takes one round trip and never
/// holds the shared connection while a condition is checked, so concurrent logins do not queue behind it.
/// KEYS: 1 account version key, 2 user index, 3 family set, 4 live-sessions set, 5 new access token,
/// 6 new refresh token.
/// ARGV: 1 expected version, 2 now (ms), 3-5 access hash, TTL (ms) and expiry (ms), 6-8 the same for refresh,
/// 9 family id, 10 n = number of field arguments per token, then n access fields and n refresh fields.
/// </summary>
internal static class PairScripts
{
    /// <summary>Login: stores the pair only if the account's version stamp is still the one read before the row.</summary>
    // GT extends an index's or family's TTL, NX sets a missing one.
    public static readonly RedisScript Start = new("""
        if (redis.call('GET', KEYS[1]) or '0') ~= ARGV[1] then return 0 end
        local n = tonumber(ARGV[10])
        local function store(key, hash, ttl, expires, first)
          redis.call('HSET', key, unpack(ARGV, first, first + n - 1))
          redis.call('PEXPIRE', key, ttl)
          redis.call('ZADD', KEYS[2], expires, hash)
          redis.call('SADD', KEYS[3], hash)
        end
        store(KEYS[5], ARGV[3], ARGV[4], ARGV[5], 11)
        store(KEYS[6], ARGV[6], ARGV[7], ARGV[8], 11 + n)
        -- The index and the family live as long as the longer-lived of the two tokens.
        local ttl = math.max(tonumber(ARGV[4]), tonumber(ARGV[7]))
        for _, key in ipairs({ KEYS[2], KEYS[3] }) do
          redis.call('PEXPIRE', key, ttl, 'GT')
          redis.call('PEXPIRE', key, ttl, 'NX')
        end
        -- Entries of tokens that already expired are dropped here, so the index and the set stay small.
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[2])
        redis.call('ZADD', KEYS[4], ARGV[8], ARGV[9])
        redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', ARGV[2])
        return 1
        """);
}
