using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AuthApp.Web.Auth;

/// <summary>Rejects (and deletes) the cookie when the API no longer accepts its token: revoked, expired, or no longer admin.</summary>
public sealed class TokenCookieEvents(TokenCheck check) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        if (context.Principal is { } principal && await check.IsLiveAdminAsync(principal, context.HttpContext.RequestAborted)) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
