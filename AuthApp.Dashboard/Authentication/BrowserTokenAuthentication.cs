using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AuthApp.Dashboard.Authentication;

/// <summary>Sign-in by the per-run browser token, then a cookie; everything else refuses anonymous callers.</summary>
internal static class BrowserTokenAuthentication
{
    /// <summary>Distinct name: cookies are shared by every port of localhost, including the admin site's.</summary>
    public const string CookieName = ".AuthApp.Dashboard.Auth";

    public const string LoginPath = "/login";

    public static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(3);

    public static IServiceCollection AddBrowserTokenAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = CookieLifetime;
                options.SlidingExpiration = false;
                options.LoginPath = LoginPath;
                options.Events.OnRedirectToLogin = RedirectPagesRefuseTheRest;
            });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return services;
    }

    /// <summary>A person opening a page is sent to sign in; a script or tool gets a plain 401.</summary>
    private static Task RedirectPagesRefuseTheRest(RedirectContext<CookieAuthenticationOptions> context)
    {
        var request = context.Request;
        var wantsPage = HttpMethods.IsGet(request.Method)
            && request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
        if (wantsPage)
        {
            context.Response.Redirect(LoginPath);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        }

        return Task.CompletedTask;
    }
}
