using AuthApp.Api.Data;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AuthApp.Api.Features.OpenIdConnect;

/// <summary>
/// Creates the public <c>kubectl</c> client at first start, under an advisory lock so replicas starting together
/// create it once; an existing client (an admin may have changed it) is left alone.
/// </summary>
public sealed partial class OidcClientSeeder(AuthDbContext db, IOpenIddictApplicationManager applications, ILogger<OidcClientSeeder> logger)
{
    public const string KubectlClientId = "kubectl";

    /// <summary>Arbitrary, fixed: "OidcSeed" as a 64-bit number.</summary>
    private const long LockKey = 0x4F69_6463_5365_6564;

    public async Task EnsureKubectlClientAsync(CancellationToken cancellationToken)
    {
        // Asked of the table, not of the manager: OpenIddict's manager caches lookups, a miss included.
        if (await ExistsAsync(cancellationToken)) return;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        if (await ExistsAsync(cancellationToken)) return;
        await applications.CreateAsync(KubectlClient(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogCreated(logger, KubectlClientId);
    }

    private Task<bool> ExistsAsync(CancellationToken cancellationToken) =>
        db.Set<OpenIddictEntityFrameworkCoreApplication>().AnyAsync(a => a.ClientId == KubectlClientId, cancellationToken);

    /// <summary>
    /// A native public client. A redirect URI registered without a port matches any port on the same loopback host
    /// and path (RFC 8252 §7.3; OpenIddict does this for native clients), so <c>http://127.0.0.1</c> covers
    /// <c>http://127.0.0.1:&lt;any port&gt;/</c>; kubelogin's fixed <c>http://localhost:8000</c> and <c>:18000</c> are listed as sent.
    /// </summary>
    public static OpenIddictApplicationDescriptor KubectlClient()
    {
        var client = new OpenIddictApplicationDescriptor
        {
            ClientId = KubectlClientId,
            ClientType = ClientTypes.Public,
            ApplicationType = ApplicationTypes.Native,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = "kubectl",
            RedirectUris = { new Uri("http://127.0.0.1"), new Uri("http://localhost:8000"), new Uri("http://localhost:18000") },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var permission in FirstPartyPermissions) client.Permissions.Add(permission);
        return client;
    }

    /// <summary>Code + PKCE, refresh and device grants, and every scope the issuer knows.</summary>
    public static IReadOnlyList<string> FirstPartyPermissions { get; } =
    [
        Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.DeviceAuthorization,
        Permissions.Endpoints.EndSession,
        Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.GrantTypes.DeviceCode,
        Permissions.ResponseTypes.Code,
        Permissions.Scopes.Email, Permissions.Scopes.Profile, Permissions.Prefixes.Scope + OidcClaims.GroupsScope,
    ];

    [LoggerMessage(Level = LogLevel.Information, Message = "OpenID Connect: created the client {ClientId}")]
    private static partial void LogCreated(ILogger logger, string clientId);
}
