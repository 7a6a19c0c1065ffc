using AuthApp.Api.Features.Audit;
using AuthApp.Api.Infrastructure;

namespace AuthApp.Api.Features.Tokens;

/// <summary>
/// Lua scripts for the multi-key revocations and account rewrites. Redis runs a script atomically, so no
/// refresh can slip a new token in between reading the index and changing what it lists (S8: no window).
/// </summary>
internal static class TokenScripts
{
    // Key prefixes are part of each script's text: constants sent with every call would be parsed on every call.
    private const string TokenPrefix = TokenStore.TokenKeyPrefix;
    private const string FamilyPrefix = TokenFamilies.FamilyKeyPrefix;
    private const string UserIndexPrefix = TokenStore.UserSessionsKeyPrefix;
    private const string UserIndexSuffix = TokenStore.UserSessionsKeySuffix;

    /// <summary>
    /// KEYS: user index, live-sessions set, account version key. ARGV: family to keep ('' for none), new version stamp,
    /// stamp lifetime (ms). Returns the number of sessions ended (families, plus tokens that had none).
    /// </summary>
    public static readonly RedisScript RevokeAllForUser = new($$"""
        redis.call('SET', KEYS[3], ARGV[2], 'PX', ARGV[3])
        local hashes = redis.call('ZRANGE', KEYS[1], 0, -1)
        local families = {}
        local ended = 0
        for _, hash in ipairs(hashes) do
          local key = '{{TokenPrefix}}' .. hash
          local family = redis.call('HGET', key, 'family_id')
          if ARGV[1] == '' or family ~= ARGV[1] then
            local deleted = redis.call('DEL', key)
            redis.call('ZREM', KEYS[1], hash)
            if family and family ~= '' then
              families[family] = true
            else
              ended = ended + deleted
            end
          end
        end
        for family, _ in pairs(families) do
          redis.call('DEL', '{{FamilyPrefix}}' .. family)
          redis.call('ZREM', KEYS[2], family)
          ended = ended + 1
        end
        return ended
        """);

    /// <summary>
    /// KEYS: family set, user index, live-sessions set. ARGV: family id.
    /// Deletes every token of the family; returns how many were live.
    /// </summary>
    public static readonly RedisScript RevokeFamily = new($$"""
        local hashes = redis.call('SMEMBERS', KEYS[1])
        local deleted = 0
        for _, hash in ipairs(hashes) do
          deleted = deleted + redis.call('DEL', '{{TokenPrefix}}' .. hash)
          redis.call('ZREM', KEYS[2], hash)
        end
        redis.call('DEL', KEYS[1])
        redis.call('ZREM', KEYS[3], ARGV[1])
        return deleted
        """);

    /// <summary>
    /// KEYS: user index, account version key. ARGV: new version stamp, stamp lifetime (ms), then field/value pairs to set
    /// on every live token of the user. A token that expired meanwhile is skipped rather than recreated without a TTL.
    /// Returns how many tokens were rewritten.
    /// </summary>
    public static readonly RedisScript UpdateAccount = new($$"""
        redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
        local hashes = redis.call('ZRANGE', KEYS[1], 0, -1)
        local updated = 0
        for _, hash in ipairs(hashes) do
          local key = '{{TokenPrefix}}' .. hash
          if redis.call('EXISTS', key) == 1 then
            redis.call('HSET', key, unpack(ARGV, 3))
            updated = updated + 1
          end
        end
        return updated
        """);

    /// <summary>
    /// /revoke in one round trip. KEYS: token key, live-sessions set, audit outbox. ARGV: now (ms), audit event id, actor
    /// ('' for none), client address. Ends the token's whole family (or the lone token) and appends the audit event with
    /// it; returns { user id, family id, tokens deleted }, or nil when the token is unknown. The token's hash is not sent
    /// twice: the script takes it from its key.
    /// </summary>
    public static readonly RedisScript RevokeByToken = new(AuditOutbox.AppendFunction + $$"""
        local fields = redis.call('HMGET', KEYS[1], 'user_id', 'family_id')
        local user, family = fields[1], fields[2]
        if not user then return nil end
        local index = '{{UserIndexPrefix}}' .. string.gsub(user, '-', '') .. '{{UserIndexSuffix}}'
        local deleted = 0
        local listed = false
        if family and family ~= '' then
          local familyKey = '{{FamilyPrefix}}' .. family
          local hashes = redis.call('SMEMBERS', familyKey)
          -- One DEL and one ZREM per 500 tokens rather than one of each per token (unpack's stack is bounded). The
          -- family's set, which exists exactly when it has members, goes with the first DEL and is not counted.
          local keys = { familyKey }
          for first = 1, #hashes, 500 do
            local last = math.min(first + 499, #hashes)
            for i = first, last do
              local key = '{{TokenPrefix}}' .. hashes[i]
              keys[#keys + 1] = key
              if key == KEYS[1] then listed = true end
            end
            deleted = deleted + redis.call('DEL', unpack(keys))
            redis.call('ZREM', index, unpack(hashes, first, last))
            keys = {}
          end
          if #hashes > 0 then deleted = deleted - 1 end
          redis.call('ZREM', KEYS[2], family)
        else
          family = ''
        end
        if not listed then
          deleted = deleted + redis.call('DEL', KEYS[1])
          redis.call('ZREM', index, string.sub(KEYS[1], {{TokenPrefix.Length + 1}}))
        end
        if deleted > 0 then
          audit(KEYS[3], ARGV[2], ARGV[1], '{{AuditEventTypes.Revocation}}', '{{AuditOutcomes.Success}}', ARGV[3], user, ARGV[4], 'session ' .. family)
        end
        return { user, family, deleted }
        """);
}
