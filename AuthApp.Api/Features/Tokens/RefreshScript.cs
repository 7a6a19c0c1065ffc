using AuthApp.Api.Features.Audit;

namespace AuthApp.Api.Features.Tokens;

/// <summary>
/// The whole refresh grant in one Lua script and one round trip: read the presented refresh token, retire it (its
/// hash is remembered for reuse detection), store the new pair with the account fields copied from it, and append
/// the audit event to the outbox. Nothing can run in between, so two refreshes of one token commit once and an
/// account change is either copied whole or ends the session first.
/// Field names mirror <see cref="TokenFields"/>; the refresh tests read the new tokens back through it.
/// KEYS: 1 presented token, 2 its used-token key, 3 live-sessions set, 4 new access token, 5 new refresh token, 6 audit outbox.
/// ARGV: 1 token key prefix, 2 family key prefix, 3-4 user index key prefix and suffix, 5 presented hash, 6 now (ms),
/// 7 used-token TTL (ms), 8-10 access hash, TTL (ms), expiry (ms), 11-13 the same for refresh, 14 client address,
/// 15 user agent, 16 audit event id, 17 actor ('' for none).
/// Returns { user id, family id }, or false when the token is not a live refresh token (unknown, expired, rotated).
/// </summary>
internal static class RefreshScript
{
    public const string Lua = AuditOutbox.AppendFunction + $$"""
        local p = redis.call('HMGET', KEYS[1], 'kind', 'user_id', 'family_id', 'expires_at', 'active', 'session_started_at',
          'issued_at', 'email', 'roles', 'display_name', 'created_at', 'account_version')
        if p[1] ~= '{{TokenKinds.Refresh}}' or not p[2] or not p[3] or p[3] == '' or p[5] ~= '1'
          or tonumber(p[4] or '0') <= tonumber(ARGV[6]) then return false end
        local user, family = p[2], p[3]
        local started = p[6]
        if not started or started == '0' then started = p[7] end
        local index = ARGV[3] .. string.gsub(user, '-', '') .. ARGV[4]
        local familyKey = ARGV[2] .. family
        redis.call('DEL', KEYS[1])
        redis.call('SET', KEYS[2], family .. ' ' .. user, 'PX', ARGV[7])
        local function store(key, kind, ttl, expires)
          redis.call('HSET', key, 'kind', kind, 'user_id', user, 'issued_at', ARGV[6], 'expires_at', expires,
            'client_address', ARGV[14], 'user_agent', ARGV[15], 'family_id', family, 'session_started_at', started,
            'email', p[8] or '', 'roles', p[9] or '[]', 'display_name', p[10] or '', 'created_at', p[11] or '0',
            'account_version', p[12] or '0', 'active', 1)
          redis.call('PEXPIRE', key, ttl)
        end
        store(KEYS[4], '{{TokenKinds.Access}}', ARGV[9], ARGV[10])
        store(KEYS[5], '{{TokenKinds.Refresh}}', ARGV[12], ARGV[13])
        -- The new pair joins the index and the family before the presented token leaves them, so neither key is ever
        -- empty here: both keep the expiry the login gave them, and GT alone extends it to the longer-lived new token.
        redis.call('ZADD', index, ARGV[10], ARGV[8], ARGV[13], ARGV[11])
        redis.call('SADD', familyKey, ARGV[8], ARGV[11])
        redis.call('ZREM', index, ARGV[5])
        redis.call('SREM', familyKey, ARGV[5])
        local ttl = math.max(tonumber(ARGV[9]), tonumber(ARGV[12]))
        redis.call('PEXPIRE', index, ttl, 'GT')
        redis.call('PEXPIRE', familyKey, ttl, 'GT')
        redis.call('ZREMRANGEBYSCORE', index, '-inf', ARGV[6])
        redis.call('ZADD', KEYS[3], ARGV[13], family)
        redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', ARGV[6])
        audit(KEYS[6], ARGV[16], ARGV[6], '{{AuditEventTypes.Refresh}}', '{{AuditOutcomes.Success}}', ARGV[17], user, ARGV[14], 'session ' .. family)
        return { user, family }
        """;
}
