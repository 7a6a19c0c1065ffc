using AuthApp.Api.Features.OpenIdConnect;
using static OpenIddict.Abstractions.OpenIddictConstants;
using Allow = OpenIddict.Abstractions.OpenIddictConstants.Permissions;

namespace AuthApp.Api.Features.Clients;

/// <summary>
/// The grants an admin may allow a client, and the OpenIddict permissions each one needs: the same permissions
/// <see cref="OidcClientSeeder.FirstPartyPermissions"/> gives the seeded clients when all three are allowed.
/// </summary>
public static class ClientGrants
{
    public const string AuthorizationCode = GrantTypes.AuthorizationCode;
    public const string RefreshToken = GrantTypes.RefreshToken;
    public const string DeviceCode = GrantTypes.DeviceCode;

    public static IReadOnlyList<string> All { get; } = [AuthorizationCode, RefreshToken, DeviceCode];

    /// <summary>The permissions for <paramref name="grants"/>, without duplicates; every client may ask for every scope.</summary>
    public static IReadOnlySet<string> Permissions(IEnumerable<string> grants)
    {
        var permissions = new HashSet<string>(StringComparer.Ordinal)
        {
            Allow.Scopes.Email,
            Allow.Scopes.Profile,
            Allow.Prefixes.Scope + OidcClaims.GroupsScope,
        };
        foreach (var grant in grants)
        {
            permissions.UnionWith(grant switch
            {
                AuthorizationCode => Code,
                RefreshToken => Refresh,
                DeviceCode => Device,
                _ => throw new ArgumentException($"Unknown grant '{grant}'.", nameof(grants)),
            });
        }

        return permissions;
    }

    /// <summary>The grants a stored client is allowed, read back from its permissions, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> FromPermissions(IEnumerable<string> permissions)
    {
        var set = permissions.ToHashSet(StringComparer.Ordinal);
        return [.. All.Where(grant => set.Contains(Allow.Prefixes.GrantType + grant))];
    }

    private static readonly string[] Code =
    [
        Allow.Endpoints.Authorization,
        Allow.Endpoints.Token,
        // Signing out goes with signing in through a browser.
        Allow.Endpoints.EndSession,
        Allow.GrantTypes.AuthorizationCode,
        Allow.ResponseTypes.Code,
    ];

    private static readonly string[] Refresh =
    [
        Allow.Endpoints.Token,
        Allow.GrantTypes.RefreshToken,
    ];

    private static readonly string[] Device =
    [
        Allow.Endpoints.DeviceAuthorization,
        Allow.Endpoints.Token,
        Allow.GrantTypes.DeviceCode,
    ];
}
