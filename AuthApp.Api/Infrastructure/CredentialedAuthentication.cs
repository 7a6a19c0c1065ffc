using AuthApp.Api.Features.OpenIdConnect;

namespace AuthApp.Api.Infrastructure;

/// <summary>
/// The authentication middleware, only for requests it can authenticate: those with an <c>Authorization</c> header, and
/// the issuer's paths, where OpenIddict's request handler and the sign-in cookie live. For any other request (a
/// revocation by form, a registration, a probe) it would build the bearer handler per request only to hear "no
/// result" (decision 0109). Authorization still challenges and forbids through the authentication service, so a
/// request without credentials gets the same 401 as before.
/// </summary>
internal static class CredentialedAuthentication
{
    /// <summary>
    /// <see cref="WebApplication"/> puts its own authentication middleware in front of the whole pipeline unless the
    /// application itself says it has one; a branch's <c>UseAuthentication</c> does not tell it, so this does.
    /// </summary>
    private const string AuthenticationSetKey = "__AuthenticationMiddlewareSet";

    public static IApplicationBuilder UseAuthenticationWhereCredentials(this IApplicationBuilder app)
    {
        app.Properties[AuthenticationSetKey] = true;
        return app.UseWhen(CanAuthenticate, branch => branch.UseAuthentication());
    }

    private static bool CanAuthenticate(HttpContext context) =>
        context.Request.Headers.Authorization.Count > 0 || IssuerPathHandlers.IsIssuerPath(context.Request.Path);
}
