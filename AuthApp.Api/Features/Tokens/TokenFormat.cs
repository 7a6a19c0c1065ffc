using System.Buffers.Text;
using System.Security.Cryptography;

namespace AuthApp.Api.Features.Tokens;

/// <summary>
/// The shape of tokens: <c>aat_</c> ("AuthApp access token") or <c>art_</c> ("AuthApp refresh token")
/// and 256 CSPRNG bits in base64url. The fixed prefixes let secret scanners spot a leaked token.
/// </summary>
public static class TokenFormat
{
    public const string AccessTokenPrefix = "aat_";

    public const string RefreshTokenPrefix = "art_";

    public const int RandomBytes = 32;

    /// <summary>Prefix plus 43 base64url characters.</summary>
    public const int AccessTokenLength = 47;

    public static string NewAccessToken() => AccessTokenPrefix + NewRandom();

    public static string NewRefreshToken() => RefreshTokenPrefix + NewRandom();

    /// <summary>A session (token family) id: 128 random bits, shown to the user, never a credential.</summary>
    public static string NewFamilyId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>Cheap shape check so garbage never reaches Redis.</summary>
    public static bool LooksLikeAccessToken(string? value) => value is not null && HasShape(value, AccessTokenPrefix);

    public static bool LooksLikeAccessToken(ReadOnlySpan<char> value) => HasShape(value, AccessTokenPrefix);

    public static bool LooksLikeRefreshToken(string? value) => value is not null && HasShape(value, RefreshTokenPrefix);

    private static string NewRandom() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));

    private static bool HasShape(ReadOnlySpan<char> value, string prefix) =>
        value.Length == AccessTokenLength
        && value.StartsWith(prefix, StringComparison.Ordinal)
        && Base64Url.IsValid(value[prefix.Length..]);
}
