using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;

namespace AuthApp.Api.Features.OpenIdConnect;

/// <summary>
/// OpenIddict's server handler is an authentication <em>request</em> handler, so the authentication middleware asks it
/// about every request; working out that <c>/users/me</c> is none of its endpoints (absolute URIs, endpoint matching)
/// took a quarter of the API's CPU on a plain request (decision 0102). Outside the issuer's paths it is not offered:
/// there it has nothing to handle, and its authenticate and challenge work only on its own endpoints anyway.
/// </summary>
internal sealed class IssuerPathHandlers(IAuthenticationSchemeProvider schemes) : IAuthenticationHandlerProvider
{
    private static readonly Task<IAuthenticationHandler?> None = Task.FromResult<IAuthenticationHandler?>(null);

    private readonly AuthenticationHandlerProvider _handlers = new(schemes);

    public Task<IAuthenticationHandler?> GetHandlerAsync(HttpContext context, string authenticationScheme) =>
        authenticationScheme == OpenIddictServerAspNetCoreDefaults.AuthenticationScheme && !IsIssuerPath(context.Request.Path)
            ? None
            : _handlers.GetHandlerAsync(context, authenticationScheme);

    /// <summary>
    /// Every issuer endpoint is under <c>/connect/</c> or <c>/.well-known/</c>; "contains" rather than "starts with" keeps
    /// an issuer URL with a path of its own (<c>https://host/auth/</c>) working.
    /// </summary>
    internal static bool IsIssuerPath(PathString path) =>
        path.Value is { } value
        && (value.Contains("/connect/", StringComparison.OrdinalIgnoreCase) || value.Contains("/.well-known/", StringComparison.OrdinalIgnoreCase));
}
