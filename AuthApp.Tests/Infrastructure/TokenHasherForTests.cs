using System.Security.Cryptography;
using System.Text;

namespace AuthApp.Tests.Infrastructure;

/// <summary>
/// Computes the stored form of a token independently of the API's code: HMAC-SHA256, hex, under the legacy key for a
/// token without a key id (<c>aat_</c> + 43 characters) or under the key its id names (<c>aat_&lt;id&gt;_</c> + 43).
/// </summary>
public sealed class TokenHasherForTests(string legacyKey = TestServices.TokenHashKey, IReadOnlyDictionary<string, string>? ring = null)
{
    public string Hash(string token) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromBase64String(KeyOf(token)), Encoding.UTF8.GetBytes(token)));

    /// <summary>The key id a token carries, or null for the legacy format.</summary>
    public static string? KeyIdOf(string token) => token.Length == 47 ? null : token[4..token.LastIndexOf('_', token.Length - 44)];

    private string KeyOf(string token) => KeyIdOf(token) is { } id
        ? ring?.GetValueOrDefault(id) ?? throw new InvalidOperationException($"The test gave no key '{id}'.")
        : legacyKey;
}
