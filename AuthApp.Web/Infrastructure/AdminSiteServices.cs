using AuthApp.Web.Api;
using AuthApp.Web.Auth;
using AuthApp.Web.Components;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.FluentUI.AspNetCore.Components;
using StackExchange.Redis;

namespace AuthApp.Web.Infrastructure;

/// <summary>Everything the admin site registers and maps.</summary>
public static class AdminSiteServices
{
    public static WebApplicationBuilder AddAdminSite(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCheckedOptions<AdminSiteOptions>(AdminSiteOptions.Section);
        services.AddSingleton<IValidateOptions<AdminSiteOptions>, AdminSiteOptionsValidator>();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddFluentUIComponents();

        // Keys in Redis: every replica can read every other replica's cookies and antiforgery tokens.
        // Aspire's client integration: the multiplexer with health check, tracing and metrics.
        // The password follows Storage:RedisPassword (the secret folder) as it rotates, as in the API (decision 0094).
        var redisPassword = new SecretSetting(builder.Configuration, "Storage:RedisPassword", () => RedisPasswordIn(builder.Configuration.GetConnectionString("redis")));
        builder.AddRedisClient("redis", configureOptions: redis =>
        {
            redis.AbortOnConnectFail = false;
            redis.Password = redisPassword.Current;
            redisPassword.OnChange(password => redis.Password = password);
        });
        services.AddDataProtection().SetApplicationName("AuthApp.Web");
        // What PersistKeysToStackExchangeRedis does, but with the multiplexer from DI instead of one made at registration.
        services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((keys, redis) =>
            keys.XmlRepository = new Microsoft.AspNetCore.DataProtection.StackExchangeRedis.RedisXmlRepository(
                () => redis.GetDatabase(), "authapp:web:dataprotection-keys"));

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = "authapp-admin";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.LoginPath = "/login";
                cookie.AccessDeniedPath = "/login";
                cookie.SlidingExpiration = false;
                cookie.EventsType = typeof(TokenCookieEvents);
            });
        services.AddScoped<TokenCookieEvents>();
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, TokenRevalidatingStateProvider>();

        services.AddHttpClient<AuthApiClient>(ConfigureApi);
        services.AddHttpClient<AdminApiClient>(ConfigureApi);
        services.AddScoped<SignInFlow>();
        services.AddScoped<TokenCheck>();
        services.AddMemoryCache();
        services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    public static WebApplication UseAdminSite(this WebApplication app)
    {
        // HSTS comes from UseSecurityHeaders (Program.cs), with the other security headers.
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/Error", createScopeForErrors: true);

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapAdminSite(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapSignOut();
        return app;
    }

    /// <summary>Checks every setting before the host starts, so a bad one stops it with one line per key.</summary>
    public static Task<bool> ConfigurationIsValidAsync(this WebApplication app) =>
        app.SettingsAreValidAsync(() => _ = app.Services.GetRequiredService<IOptions<AdminSiteOptions>>().Value);

    private static string? RedisPasswordIn(string? connectionString)
    {
        try
        {
            return connectionString is null ? null : ConfigurationOptions.Parse(connectionString).Password;
        }
        catch (ArgumentException)
        {
            return null; // the options validator names the problem
        }
    }

    private static void ConfigureApi(IServiceProvider provider, HttpClient http) =>
        http.BaseAddress = provider.GetRequiredService<IOptions<AdminSiteOptions>>().Value.ApiBaseAddress;
}
