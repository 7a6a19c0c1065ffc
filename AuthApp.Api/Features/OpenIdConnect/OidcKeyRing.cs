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
    private static readonly Lazy<OidcKeySet> Placeholder = new(() =>
        new OidcKeySet([new RsaSecurityKey(RSA.Create(2048)) { KeyId = "unavailable" }], new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "unavailable" }));

    private volatile OidcKeySet? _current;

    /// <summary>
    /// The keys read from PostgreSQL. Until they could be read (the database was down at startup), a throw-away set that
    /// keeps OpenIddict's options buildable, so every other endpoint still answers; the issuer's endpoints check
    /// <see cref="IsLoaded"/> and refuse to issue anything meanwhile, so nothing is ever signed with it.
    /// </summary>
    public OidcKeySet Current => _current ?? Placeholder.Value;

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
