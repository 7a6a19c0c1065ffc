using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace AuthApp.Api.Features.OpenIdConnect;

/// <summary>The issuer's keys as this replica last read them: the signing keys newest first, and the encryption key.</summary>
public sealed record OidcKeySet(IReadOnlyList<RsaSecurityKey> SigningKeys, SymmetricSecurityKey EncryptionKey)
{
    /// <summary>Identifies the set, so a refresh can tell whether anything changed.</summary>
    public string Fingerprint { get; } = string.Join(",", SigningKeys.Select(k => k.KeyId)) + "|" + EncryptionKey.KeyId;
}

/// <summary>
/// Holds the current <see cref="OidcKeySet"/> for OpenIddict's options (<see cref="OidcServerKeys"/>), which are rebuilt
/// whenever the set changes. Filled at startup (<see cref="OidcKeyStore.EnsureKeysAsync"/>) and by <see cref="OidcKeyRefresher"/>.
/// </summary>
public sealed class OidcKeyRing
{
    private volatile OidcKeySet? _current;

    public OidcKeySet Current => _current ?? throw new InvalidOperationException(
        "The OpenID Connect keys were not loaded: the API loads them at startup, before it serves requests.");

    public bool IsLoaded => _current is not null;

    /// <summary>Replaces the set; true when it differs from the one held.</summary>
    public bool Replace(OidcKeySet keys)
    {
        var changed = _current?.Fingerprint != keys.Fingerprint;
        _current = keys;
        return changed;
    }

    internal static RsaSecurityKey SigningKey(string id, byte[] pkcs8)
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(pkcs8, out _);
        return new RsaSecurityKey(rsa) { KeyId = id };
    }
}
