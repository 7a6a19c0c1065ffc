using System.Security.Claims;
using System.Text.Json;
using AuthApp.Api.Data;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AuthApp.Api.Features.OpenIdConnect;

/// <summary>
/// The claims the issuer tells about an account: <c>sub</c>, <c>email</c>, <c>email_verified</c>, <c>name</c> and
/// <c>groups</c> (its roles, for the API server's <c>--oidc-groups-claim</c>). All of them go into the id_token, the
/// access token and userinfo, whatever scopes were asked for (decision 0088): kubectl asks only for <c>openid</c> by default.
/// </summary>
public static class OidcClaims
{
    public const string Groups = "groups";
    public const string GroupsScope = "groups";

    /// <summary>A fresh identity for <paramref name="user"/>, keeping OpenIddict's own claims (scopes, authorization) from <paramref name="previous"/>.</summary>
    public static ClaimsPrincipal For(UserAccount user, IEnumerable<string> scopes, ClaimsPrincipal? previous = null)
    {
        var identity = new ClaimsIdentity(
            previous?.Claims.Where(c => c.Type.StartsWith("oi_", StringComparison.Ordinal)) ?? [],
            OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id.ToString())
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(Claims.EmailVerified, user.EmailVerified)
            .SetClaim(Claims.Name, NameOf(user));
        // One claim holding a JSON array, not one claim per role: a JWT writes a lone claim as a string, and the
        // Kubernetes API server (like most relying parties) expects "groups" to be an array even for one role.
        identity.AddClaim(new Claim(Groups, JsonSerializer.Serialize(user.Roles), JsonClaimValueTypes.JsonArray));
        if (previous is null) identity.SetScopes(scopes);
        identity.SetDestinations(static claim => claim.Type.StartsWith("oi_", StringComparison.Ordinal)
            ? []
            : [Destinations.AccessToken, Destinations.IdentityToken]);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The userinfo answer (OpenID Connect Core §5.3): the same claims, <c>groups</c> always an array.</summary>
    public static Dictionary<string, object> UserInfo(UserAccount user) => new(StringComparer.Ordinal)
    {
        [Claims.Subject] = user.Id.ToString(),
        [Claims.Email] = user.Email,
        [Claims.EmailVerified] = user.EmailVerified,
        [Claims.Name] = NameOf(user),
        [Groups] = user.Roles.ToArray(),
    };

    private static string NameOf(UserAccount user) => string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email : user.DisplayName;
}
