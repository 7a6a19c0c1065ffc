using System.Buffers.Text;
using System.Security.Cryptography;

namespace AuthApp.Api.Features.Tokens;

/// <summary>
/// The shape of tokens: <c>aat_</c> ("AuthApp access token") or <c>art_</c> ("AuthApp refresh token"), then the id of
/// the token-hash key (1–8 of <c>a-z0-9</c>) and <c>_</c>, then 256 CSPRNG bits in base64url (43 characters), e.g.
/// <c>aat_k2_Xb3…</c>. Tokens minted before the key ring (decision 0093) have no id (<c>aat_</c> + 43 characters) and
/// belong to the legacy <c>Auth:TokenHashKey</c>. The fixed prefixes let secret scanners spot a leaked token.
/// </summary>
public static class TokenFormat
{
    public const string AccessTokenPrefix = "aat_";

    public const string RefreshTokenPrefix = "art_";

    public const int RandomBytes = 32;

    /// <summary>43: base64url of <see cref="RandomBytes"/> without padding.</summary>
    public const int RandomLength = 43;

    /// <summary>A token without a key id (the legacy format): prefix plus 43 base64url characters.</summary>
    public const int AccessTokenLength = 47;

    public const int MaxKeyIdLength = 8;

    /// <summary>The longest token: prefix, an 8-character key id, <c>_</c>, 43 characters.</summary>
    public const int MaxTokenLength = AccessTokenLength + MaxKeyIdLength + 1;

    /// <summary>A legacy-format access token (no key id): for the key-ring fallback and the benchmarks.</summary>
    public static string NewAccessToken() => NewAccessToken(keyId: null);

    public static string NewAccessToken(string? keyId) => New(AccessTokenPrefix, keyId);

    public static string NewRefreshToken(string? keyId) => New(RefreshTokenPrefix, keyId);

    /// <summary>A session (token family) id: 128 random bits, shown to the user, never a credential.</summary>
    public static string NewFamilyId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>Cheap shape check so garbage never reaches Redis.</summary>
    public static bool LooksLikeAccessToken(string? value) => value is not null && HasShape(value, AccessTokenPrefix);

    public static bool LooksLikeAccessToken(ReadOnlySpan<char> value) => HasShape(value, AccessTokenPrefix);

    public static bool LooksLikeRefreshToken(string? value) => value is not null && HasShape(value, RefreshTokenPrefix);

    /// <summary>Whether <paramref name="id"/> may name a token-hash key: 1–8 of <c>a-z0-9</c>, so it needs no escaping anywhere.</summary>
    public static bool IsValidKeyId(ReadOnlySpan<char> id) =>
        id.Length is > 0 and <= MaxKeyIdLength && !id.ContainsAnyExcept(KeyIdCharacters);

    /// <summary>
    /// The key id a well-shaped token names, or an empty span for a legacy token (which has none). Only the length tells
    /// the formats apart: a legacy token is exactly 47 characters, one with an id at least 49.
    /// </summary>
    public static ReadOnlySpan<char> KeyIdOf(ReadOnlySpan<char> token) =>
        token.Length > AccessTokenLength ? token[AccessTokenPrefix.Length..(token.Length - RandomLength - 1)] : [];

    private static string New(string prefix, string? keyId)
    {
        var random = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));
        return keyId is null ? prefix + random : string.Concat(prefix, keyId, "_", random);
    }

    private static bool HasShape(ReadOnlySpan<char> value, string prefix)
    {
        if (value.Length < AccessTokenLength || value.Length > MaxTokenLength || value.Length == AccessTokenLength + 1) return false;
        if (!value.StartsWith(prefix, StringComparison.Ordinal) || !Base64Url.IsValid(value[^RandomLength..])) return false;
        return value.Length == AccessTokenLength || (value[^(RandomLength + 1)] == '_' && IsValidKeyId(KeyIdOf(value)));
    }

    private static readonly System.Buffers.SearchValues<char> KeyIdCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789");
}
