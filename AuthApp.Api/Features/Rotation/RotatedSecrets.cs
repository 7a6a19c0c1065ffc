using System.Security.Cryptography;

namespace AuthApp.Api.Features.Rotation;

/// <summary>The secrets <c>rotate-credentials</c> knows, by the names the AppHost parameters and the runbooks use.</summary>
public static class RotatedSecrets
{
    public const string Postgres = "postgres-password";
    public const string Redis = "redis-password";
    public const string TokenHashKey = "token-hash-key";
    public const string OidcSigningKey = "oidc-signing-key";

    public static readonly IReadOnlyList<string> All = [Postgres, Redis, TokenHashKey, OidcSigningKey];

    /// <summary>
    /// 32 letters and digits from the CSPRNG (about 190 bits): nothing to escape in a connection string (Aspire's rule
    /// for Redis passwords), in SQL or in a Redis command.
    /// </summary>
    public static string NewPassword() =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 32);
}
