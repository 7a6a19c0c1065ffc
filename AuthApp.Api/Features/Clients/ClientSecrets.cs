using System.Security.Cryptography;

namespace AuthApp.Api.Features.Clients;

/// <summary>Client secrets: 256 random bits with a recognisable prefix, like our tokens (S5), so secret scanners spot them.</summary>
public static class ClientSecrets
{
    public const string Prefix = "acs_";

    public static string Generate() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
