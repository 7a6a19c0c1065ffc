using AuthApp.Web.Api;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AuthApp.Web.Auth;

/// <summary><c>POST /logout</c> (antiforgery-checked): revokes the token at the API, then deletes the cookie.</summary>
public static partial class SignOutEndpoint
{
    public static IEndpointRouteBuilder MapSignOut(this IEndpointRouteBuilder app)
    {
        app.MapPost("/logout", SignOutAsync).WithMetadata(new RequireAntiforgeryTokenAttribute());
        return app;
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, AuthApiClient api, TokenCheck check, ILoggerFactory loggers)
    {
        if (context.User.FindFirst(TokenClaims.AccessToken)?.Value is { Length: > 0 } token)
        {
            try
            {
                await api.RevokeAsync(token, context.RequestAborted);
            }
            catch (Exception ex) when (ex is HttpRequestException or ApiException)
            {
                // The cookie still goes; the token then dies at its expiry.
                LogRevokeFailed(loggers.CreateLogger("AuthApp.Web.SignOut"), ex.GetType().Name);
            }

            check.Forget(context.User);
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.Redirect("/login?reason=signed-out");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-out could not revoke the token at the API ({ErrorType})")]
    private static partial void LogRevokeFailed(ILogger logger, string errorType);
}
