using System.Security.Claims;
using AuthApp.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AuthApp.Web.Auth;

/// <summary>
/// Signs an admin in: a token from the API's <c>/token</c>, the user from <c>/users/me</c>, the admin role
/// required (a non-admin's token is revoked at once), then the cookie, which expires with the token.
/// </summary>
public sealed partial class SignInFlow(AuthApiClient api, TimeProvider time, ILogger<SignInFlow> logger)
{
    public const string WrongCredentials = "The email or password is incorrect.";
    public const string NotAnAdmin = "This account is not an administrator. Only users with the admin role can sign in here.";

    /// <summary>Null when signed in; otherwise the message to show.</summary>
    public async Task<string?> SignInAsync(HttpContext context, string email, string password, CancellationToken cancellationToken)
    {
        var token = await api.RequestTokenAsync(email, password, cancellationToken);
        if (token is null) return WrongCredentials;

        var user = await api.GetCurrentUserAsync(token.AccessToken, cancellationToken);
        if (user is null || !user.Roles.Contains(TokenClaims.AdminRole))
        {
            await api.RevokeAsync(token.AccessToken, cancellationToken);
            LogRefused(logger, user?.Id);
            return NotAnAdmin;
        }

        var now = time.GetUtcNow();
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new Claim(ClaimTypes.Name, user.Email),
            new Claim(ClaimTypes.Role, TokenClaims.AdminRole),
            new Claim(TokenClaims.AccessToken, token.AccessToken),
        ], CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity), new AuthenticationProperties
        {
            // The cookie dies with the token, so an expired token always means signed out.
            ExpiresUtc = now.AddSeconds(token.ExpiresIn),
            IsPersistent = false,
            AllowRefresh = false,
        });
        LogSignedIn(logger, user.Id);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin {UserId} signed in to the admin site")]
    private static partial void LogSignedIn(ILogger logger, Guid userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a sign-in to the admin site by non-admin user {UserId}")]
    private static partial void LogRefused(ILogger logger, Guid? userId);
}
