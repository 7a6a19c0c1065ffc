using System.Security.Cryptography;
using System.Text;
using AuthApp.Api.Features.Tokens;
using Microsoft.Extensions.Options;

namespace AuthApp.Api.Features.OpenIdConnect;

/// <summary>
/// Wraps the issuer's private keys before they reach PostgreSQL: AES-256-GCM under a key derived (HKDF-SHA256) from
/// <c>Auth:TokenHashKey</c>, the secret every replica already shares, so no new secret needs wiring (decision 0089).
/// </summary>
public sealed class OidcKeyProtection
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] Purpose = Encoding.ASCII.GetBytes("authapp-oidc-key-wrap-v1");
    private readonly byte[] _key;

    public OidcKeyProtection(IOptions<AccessTokenOptions> options)
    {
        // Without a configured key (allowed in Development only) a fixed development secret keeps local keys readable
        // across restarts; production always has Auth:TokenHashKey (the options validator demands it).
        var secret = options.Value.TokenHashKey is { Length: > 0 } configured
            ? AccessTokenOptionsValidator.DecodeKey(configured) ?? throw new InvalidOperationException("Auth:TokenHashKey is malformed.")
            : Encoding.ASCII.GetBytes("authapp-development-only-oidc-key-secret");
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, salt: [], info: Purpose);
    }

    public byte[] Wrap(ReadOnlySpan<byte> plain, string keyId)
    {
        var wrapped = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = wrapped.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        // The key id is authenticated data: a wrapped key copied onto another row does not unwrap.
        aes.Encrypt(nonce, plain, wrapped.AsSpan(NonceBytes, plain.Length), wrapped.AsSpan(NonceBytes + plain.Length), Encoding.UTF8.GetBytes(keyId));
        return wrapped;
    }

    /// <summary>The key's bytes; throws <see cref="CryptographicException"/> naming the setting when Auth:TokenHashKey changed.</summary>
    public byte[] Unwrap(byte[] wrapped, string keyId)
    {
        var length = wrapped.Length - NonceBytes - TagBytes;
        if (length <= 0) throw new CryptographicException($"The stored OpenID Connect key {keyId} is truncated.");
        var plain = new byte[length];
        using var aes = new AesGcm(_key, TagBytes);
        try
        {
            aes.Decrypt(wrapped.AsSpan(0, NonceBytes), wrapped.AsSpan(NonceBytes, length), wrapped.AsSpan(NonceBytes + length), plain, Encoding.UTF8.GetBytes(keyId));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new CryptographicException(
                $"The stored OpenID Connect key {keyId} cannot be unwrapped: Auth:TokenHashKey is not the one it was stored under. "
                + "Restore the previous Auth:TokenHashKey, or delete the rows of oidc_keys to start a new key set (decision 0089).");
        }

        return plain;
    }
}
