using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using AuthApp.Web.Api;
using AuthApp.Web.Infrastructure;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace AuthApp.Web.Auth;

/// <summary>
/// Asks the API whether the admin's token still works and still belongs to an admin. A "yes" is remembered
/// for <see cref="AdminSiteOptions.RevalidationInterval"/> (keyed by a hash of the token, not the token), so
/// static files and rapid clicks do not each cost a round trip.
/// </summary>
public sealed class TokenCheck(AuthApiClient api, IMemoryCache cache, IOptions<AdminSiteOptions> options)
{
    public async Task<bool> IsLiveAdminAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (principal.FindFirst(TokenClaims.AccessToken)?.Value is not { Length: > 0 } token) return false;
        var key = "token-check:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        if (cache.TryGetValue(key, out _)) return true;

        CurrentUser? user;
        try
        {
            user = await api.GetCurrentUserAsync(token, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or ApiException or TaskCanceledException)
        {
            // Fail closed: an API that cannot confirm the token does not keep an admin signed in.
            return false;
        }

        var live = user is not null && user.Roles.Contains(TokenClaims.AdminRole);
        if (live) cache.Set(key, true, options.Value.RevalidationInterval);
        return live;
    }

    /// <summary>Forgets a "yes", e.g. once the API has answered 401 for the token.</summary>
    public void Forget(ClaimsPrincipal principal)
    {
        if (principal.FindFirst(TokenClaims.AccessToken)?.Value is { Length: > 0 } token)
        {
            cache.Remove("token-check:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))));
        }
    }
}
