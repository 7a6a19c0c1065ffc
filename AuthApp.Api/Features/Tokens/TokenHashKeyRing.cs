using System.Collections.Frozen;

namespace AuthApp.Api.Features.Tokens;

/// <summary>
/// The token-hash keys of one configuration snapshot: the legacy key (for tokens without a key id), the ring by id and
/// the id new tokens get. Immutable, so a reload swaps the whole ring at once.
/// </summary>
internal sealed class TokenHashKeyRing
{
    private readonly FrozenDictionary<string, byte[]>.AlternateLookup<ReadOnlySpan<char>> _byId;

    private TokenHashKeyRing(byte[]? legacy, FrozenDictionary<string, byte[]> keys, string? currentId)
    {
        Legacy = legacy;
        Keys = keys;
        CurrentId = currentId;
        _byId = keys.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public byte[]? Legacy { get; }

    public FrozenDictionary<string, byte[]> Keys { get; }

    /// <summary>The id new tokens carry; null while only the legacy key is set (new tokens then have no id).</summary>
    public string? CurrentId { get; }

    public byte[] CurrentKey => CurrentId is null ? Legacy! : Keys[CurrentId];

    /// <summary>The key of the id a token names (empty: the legacy key), or null when the ring has no such key.</summary>
    public byte[]? Find(ReadOnlySpan<char> keyId) =>
        keyId.IsEmpty ? Legacy : _byId.TryGetValue(keyId, out var key) ? key : null;

    /// <summary>A ring from settings already validated; <paramref name="generated"/> stands in for a missing legacy key.</summary>
    public static TokenHashKeyRing From(AccessTokenOptions options, byte[]? generated)
    {
        var legacy = options.TokenHashKey is { Length: > 0 } configured ? AccessTokenOptionsValidator.DecodeKey(configured) : generated;
        var keys = options.TokenHashKeys.ToFrozenDictionary(
            pair => pair.Key, pair => AccessTokenOptionsValidator.DecodeKey(pair.Value)!, StringComparer.Ordinal);
        return new TokenHashKeyRing(legacy, keys, string.IsNullOrWhiteSpace(options.CurrentTokenHashKey) ? null : options.CurrentTokenHashKey);
    }
}
