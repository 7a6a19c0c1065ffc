using System.Security.Cryptography;
using AuthApp.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;

namespace AuthApp.Api.Features.OpenIdConnect;

/// <summary>
/// The issuer's keys in PostgreSQL (decision 0089). Creating the first keys and rotating run under one advisory lock,
/// so replicas starting together create one set. The two newest signing keys are published: the current one signs,
/// the previous one keeps validating what it signed before the last rotation.
/// </summary>
public sealed partial class OidcKeyStore(
    AuthDbContext db, OidcKeyProtection protection, OidcKeyRing ring, OidcServerKeys serverKeys, TimeProvider time, ILogger<OidcKeyStore> logger)
{
    /// <summary>Arbitrary, fixed: "OidcKeys" as a 64-bit number.</summary>
    private const long LockKey = 0x4F69_6463_4B65_7973;
    private const int RsaBits = 2048;

    /// <summary>Creates the first keys if there are none, then loads them into the ring.</summary>
    public async Task EnsureKeysAsync(CancellationToken cancellationToken)
    {
        if (!await db.Set<OidcKey>().AnyAsync(k => k.RetiredAt == null && k.Purpose == OidcKeyPurposes.Signing, cancellationToken)
            || !await db.Set<OidcKey>().AnyAsync(k => k.Purpose == OidcKeyPurposes.Encryption, cancellationToken))
        {
            await using var transaction = await BeginLockedAsync(cancellationToken);
            var set = db.Set<OidcKey>();
            if (!await set.AnyAsync(k => k.RetiredAt == null && k.Purpose == OidcKeyPurposes.Signing, cancellationToken))
            {
                set.Add(NewSigningKey());
                LogCreated(logger, OidcKeyPurposes.Signing);
            }

            if (!await set.AnyAsync(k => k.Purpose == OidcKeyPurposes.Encryption, cancellationToken))
            {
                set.Add(NewEncryptionKey());
                LogCreated(logger, OidcKeyPurposes.Encryption);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await RefreshAsync(cancellationToken);
    }

    /// <summary>
    /// Makes a new signing key current; the current one becomes the previous one, the previous one is retired.
    /// This replica uses the new key at once, the others within <c>Oidc:KeyRefreshInterval</c>. Returns the new key id.
    /// </summary>
    public Task<string> RotateSigningKeyAsync(CancellationToken cancellationToken) => RotateSigningKeyAsync(TimeSpan.Zero, cancellationToken);

    /// <summary>
    /// Adds a new signing key that every replica publishes at once but that signs only after <paramref name="announce"/>
    /// (its <c>created_at</c> is then), so no replica ever meets a token signed with a key it does not hold (decision
    /// 0098). Current and previous keys stay published until the new one signs. Returns the new key id.
    /// </summary>
    public async Task<string> RotateSigningKeyAsync(TimeSpan announce, CancellationToken cancellationToken)
    {
        await using var transaction = await BeginLockedAsync(cancellationToken);
        var set = db.Set<OidcKey>();
        var published = await set.Where(k => k.Purpose == OidcKeyPurposes.Signing && k.RetiredAt == null)
            .OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var old in published.Skip(announce > TimeSpan.Zero ? 2 : 1)) old.RetiredAt = now;
        var key = NewSigningKey(now + announce);
        set.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogRotated(logger, key.Id);
        await RefreshAsync(cancellationToken);
        return key.Id;
    }

    /// <summary>Reads the published keys into the ring; true when they changed.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Set<OidcKey>().AsNoTracking().Where(k => k.RetiredAt == null)
            .OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id).ToListAsync(cancellationToken);
        // Current first (OpenIddict signs with the first), then the previous one, then a key announced for later.
        var now = time.GetUtcNow();
        var published = rows.Where(k => k.Purpose == OidcKeyPurposes.Signing && k.CreatedAt <= now).Take(2)
            .Concat(rows.Where(k => k.Purpose == OidcKeyPurposes.Signing && k.CreatedAt > now).OrderBy(k => k.CreatedAt));
        var signing = published.Select(k => OidcKeyRing.SigningKey(k.Id, protection.Unwrap(k.WrappedKey, k.Id))).ToList();
        var encryption = rows.First(k => k.Purpose == OidcKeyPurposes.Encryption);
        var encryptionKey = new SymmetricSecurityKey(protection.Unwrap(encryption.WrappedKey, encryption.Id)) { KeyId = encryption.Id };
        if (!ring.Replace(new OidcKeySet(signing, encryptionKey))) return false;
        serverKeys.Reload();
        return true;
    }

    private async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginLockedAsync(CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        return transaction;
    }

    private OidcKey NewSigningKey() => NewSigningKey(time.GetUtcNow());

    private OidcKey NewSigningKey(DateTimeOffset signsFrom)
    {
        using var rsa = RSA.Create(RsaBits);
        return NewKey(OidcKeyPurposes.Signing, rsa.ExportPkcs8PrivateKey(), signsFrom);
    }

    private OidcKey NewEncryptionKey() => NewKey(OidcKeyPurposes.Encryption, RandomNumberGenerator.GetBytes(32), time.GetUtcNow());

    private OidcKey NewKey(string purpose, byte[] material, DateTimeOffset now)
    {
        // Time-ordered ids: sortable in the JWKS and in the table, and never reused.
        var id = Guid.CreateVersion7(now).ToString("N");
        try
        {
            return new OidcKey { Id = id, Purpose = purpose, WrappedKey = protection.Wrap(material, id), CreatedAt = now };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "OpenID Connect: created the first {Purpose} key")]
    private static partial void LogCreated(ILogger logger, string purpose);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenID Connect: rotated the signing key; the new key is {KeyId}")]
    private static partial void LogRotated(ILogger logger, string keyId);
}
