using System.Buffers.Text;
using System.Security.Cryptography;

namespace AuthApp.Api.Features.Tokens;

/// <summary>
/// The shape of an access token: <c>aat_</c> ("AuthApp access token") and 256 CSPRNG bits in
/// base64url. The fixed prefix lets secret scanners spot a leaked token.
/// </summary>
public static class TokenFormat
{
    public const string AccessTokenPrefix = "aat_";

    public const int RandomBytes = 32;

    /// <summary>Prefix plus 43 base64url characters.</summary>
    public const int AccessTokenLength = 47;

    public static string NewAccessToken() =>
        AccessTokenPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));

    /// <summary>Cheap shape check so garbage never reaches Redis.</summary>
    public static bool LooksLikeAccessToken(string? value) =>
        value is { Length: AccessTokenLength }
        && value.StartsWith(AccessTokenPrefix, StringComparison.Ordinal)
        && Base64Url.IsValid(value.AsSpan(AccessTokenPrefix.Length));
}
