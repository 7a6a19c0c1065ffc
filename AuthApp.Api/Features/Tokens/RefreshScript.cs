using AuthApp.Api.Features.Audit;
using AuthApp.Api.Infrastructure;

namespace AuthApp.Api.Features.Tokens;

/// <summary>
/// The whole refresh grant in one Lua script and one round trip: read the presented refresh token, retire it (its
/// hash is remembered for reuse detection), store the new pair with the account fields copied from it, and append
/// the audit event to the outbox. Nothing can run in between, so two refreshes of one token commit once and an
/// account change is either copied whole or ends the session first.
/// Field names mirror <see cref="TokenFields"/>; the refresh tests read the new tokens back through it.
/// KEYS: 1 presented token, 2 its used-token key, 3 live-sessions set, 4 new access token, 5 new refresh token, 6 audit outbox.
/// ARGV: 1 presented hash, 2 now (ms), 3 used-token TTL (ms), 4-6 access hash, TTL (ms), expiry (ms), 7-9 the same for
/// refresh, 10 client address, 11 user agent, 12 audit event id, 13 actor ('' for none). Key prefixes are part of the
/// text: constants sent with every call would be parsed on every call.
/// Returns { user id, family id }, or false when the token is not a live refresh token (unknown, expired, rotated).
/// </summary>
internal static class RefreshScript
{
    public static readonly RedisScript Lua = new(AuditOutbox.AppendFunction + $$"""
        local p = redis.call('HMGET', KEYS[1], 'kind', 'user_id', 'family_id', 'expires_at', 'active', 'session_started_at',
          'issued_at', 'email', 'roles', 'display_name', 'created_at', 'account_version')
        if p[1] ~= '{{TokenKinds.Refresh}}' or not p[2] or not p[3] or p[3] == '' or p[5] ~= '1'
          or tonumber(p[4] or '0') <= tonumber(ARGV[2]) then return false end
        local user, family = p[2], p[3]
        local started = p[6]
        if not started or started == '0' then started = p[7] end
        local index = '{{TokenStore.UserSessionsKeyPrefix}}' .. string.gsub(user, '-', '') .. '{{TokenStore.UserSessionsKeySuffix}}'
        local familyKey = '{{TokenFamilies.FamilyKeyPrefix}}' .. family
        redis.call('DEL', KEYS[1])
        redis.call('SET', KEYS[2], family .. ' ' .. user, 'PX', ARGV[3])
        local function store(key, kind, ttl, expires)
          redis.call('HSET', key, 'kind', kind, 'user_id', user, 'issued_at', ARGV[2], 'expires_at', expires,
            'client_address', ARGV[10], 'user_agent', ARGV[11], 'family_id', family, 'session_started_at', started,
            'email', p[8] or '', 'roles', p[9] or '[]', 'display_name', p[10] or '', 'created_at', p[11] or '0',
            'account_version', p[12] or '0', 'active', 1)
          redis.call('PEXPIRE', key, ttl)
        end
        store(KEYS[4], '{{TokenKinds.Access}}', ARGV[5], ARGV[6])
        store(KEYS[5], '{{TokenKinds.Refresh}}', ARGV[8], ARGV[9])
        -- The new pair joins the index and the family before the presented token leaves them, so neither key is ever
        -- empty here: both keep the expiry the login gave them, and GT alone extends it to the longer-lived new token.
        redis.call('ZADD', index, ARGV[6], ARGV[4], ARGV[9], ARGV[7])
        redis.call('SADD', familyKey, ARGV[4], ARGV[7])
        redis.call('ZREM', index, ARGV[1])
        redis.call('SREM', familyKey, ARGV[1])
        local ttl = math.max(tonumber(ARGV[5]), tonumber(ARGV[8]))
        redis.call('PEXPIRE', index, ttl, 'GT')
        redis.call('PEXPIRE', familyKey, ttl, 'GT')
        redis.call('ZREMRANGEBYSCORE', index, '-inf', ARGV[2])
        redis.call('ZADD', KEYS[3], ARGV[9], family)
        redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', ARGV[2])
        audit(KEYS[6], ARGV[12], ARGV[2], '{{AuditEventTypes.Refresh}}', '{{AuditOutcomes.Success}}', ARGV[13], user, ARGV[10], 'session ' .. family)
        return { user, family }
        """);
}
