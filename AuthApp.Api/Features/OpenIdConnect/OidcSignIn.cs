using System.Security.Claims;
using AuthApp.Api.Features.Tokens;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AuthApp.Api.Features.OpenIdConnect;

/// <summary>
/// The issuer's sign-in form. The password is checked by <see cref="PasswordLogin"/>, the very check <c>/token</c>'s
/// password grant uses: same lockout, same audit events, and one answer for unknown, wrong, disabled or locked (S4).
/// Success sets the issuer's own short cookie (<see cref="Scheme"/>), which only <c>/connect/*</c> reads.
/// </summary>
public sealed class OidcSignIn(PasswordLogin login, IAntiforgery antiforgery, IOptions<OidcOptions> options, TimeProvider time)
{
    public const string Scheme = "AuthApp.Oidc";

    private const string Failed = "The email or password is wrong, or the account cannot sign in now.";

    public IResult Form(HttpContext context, string? returnUrl)
    {
        NoStore(context);
        return OidcPages.SignIn(SafeReturnUrl(returnUrl), antiforgery.GetAndStoreTokens(context).RequestToken!);
    }

    public async Task<IResult> SubmitAsync(HttpContext context)
    {
        NoStore(context);
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return OidcPages.Message("Sign-in expired", "The form expired or came from another site. Go back and try again.", StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = SafeReturnUrl(form["returnUrl"]);
        var email = form["email"].ToString();
        var password = form["password"].ToString();
        var user = email.Length > 0 && password.Length > 0 ? await login.AuthenticateAsync(email, password, context) : null;
        if (user is null)
        {
            var token = antiforgery.GetAndStoreTokens(context).RequestToken!;
            return OidcPages.SignIn(returnUrl, token, email, Failed, StatusCodes.Status400BadRequest);
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id.ToString())], Scheme);
        await context.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties
        {
            IsPersistent = false,
            IssuedUtc = time.GetUtcNow(),
            ExpiresUtc = time.GetUtcNow() + options.Value.SignInLifetime,
        });
        return Results.LocalRedirect(returnUrl);
    }

    /// <summary>The signed-in account's id, or null.</summary>
    public static async Task<Guid?> UserIdAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(Scheme);
        return Guid.TryParse(result.Principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
    }

    /// <summary>Where the browser goes next: only back into the issuer, never to another site (no open redirect).</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith("/connect/", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal)
            ? url
            : "/" + OidcPaths.Verify;

    public static void NoStore(HttpContext context)
    {
        // The values antiforgery sets itself, so it has no reason to complain that they were changed.
        context.Response.Headers.CacheControl = "no-cache, no-store";
        context.Response.Headers.Pragma = "no-cache";
    }
}
