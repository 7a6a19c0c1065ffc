using System.Security.Cryptography;
using System.Text;

namespace AuthApp.Tests.Infrastructure;

/// <summary>Computes the stored form of a token independently of the API's code: HMAC-SHA256, hex.</summary>
public sealed class TokenHasherForTests
{
    public string Hash(string token) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromBase64String(TestServices.TokenHashKey), Encoding.UTF8.GetBytes(token)));
}
