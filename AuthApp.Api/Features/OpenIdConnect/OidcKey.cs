using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AuthApp.Api.Features.OpenIdConnect;

/// <summary>
/// A key of the OpenID Connect issuer, shared by every replica (decision 0089). The private key is stored only
/// wrapped (AES-256-GCM under a key derived from <c>Auth:TokenHashKey</c>), so a database dump gives no usable key.
/// </summary>
public sealed class OidcKey
{
    /// <summary>The JWK <c>kid</c>.</summary>
    public required string Id { get; set; }

    /// <summary><see cref="OidcKeyPurposes.Signing"/> (RSA) or <see cref="OidcKeyPurposes.Encryption"/> (AES).</summary>
    public required string Purpose { get; set; }

    /// <summary>Nonce, ciphertext and tag of the key's bytes (PKCS#8 for RSA, raw for AES).</summary>
    public required byte[] WrappedKey { get; set; }

    /// <summary>When the key was made, or for a signing key announced ahead (decision 0098), when it starts signing.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when a newer key replaced this one; retired keys are no longer published.</summary>
    public DateTimeOffset? RetiredAt { get; set; }
}

public static class OidcKeyPurposes
{
    public const string Signing = "signing";
    public const string Encryption = "encryption";
}

internal sealed class OidcKeyConfiguration : IEntityTypeConfiguration<OidcKey>
{
    public void Configure(EntityTypeBuilder<OidcKey> key)
    {
        key.ToTable("oidc_keys");
        key.HasKey(k => k.Id);
        key.Property(k => k.Id).HasColumnName("id").HasMaxLength(64);
        key.Property(k => k.Purpose).HasColumnName("purpose").HasMaxLength(16);
        key.Property(k => k.WrappedKey).HasColumnName("wrapped_key");
        key.Property(k => k.CreatedAt).HasColumnName("created_at");
        key.Property(k => k.RetiredAt).HasColumnName("retired_at");
        key.HasIndex(k => new { k.Purpose, k.CreatedAt });
    }
}
