using AuthApp.Api.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using StackExchange.Redis;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AuthApp.Api.Features.OpenIdConnect;

/// <summary>
/// The OpenID Connect issuer (issue 12, decision 0088): OpenIddict's server on <c>/connect/*</c> with its stores in
/// <see cref="AuthDbContext"/>, keys from <see cref="OidcKeyRing"/>, and a sign-in cookie of its own.
/// </summary>
public static partial class OidcServices
{
    public static WebApplicationBuilder AddOpenIdConnectIssuer(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCheckedOptions<OidcOptions>(OidcOptions.Section);
        services.AddSingleton<IValidateOptions<OidcOptions>, OidcOptionsValidator>();

        services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<AuthDbContext>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris(OidcPaths.Authorize)
                    .SetTokenEndpointUris(OidcPaths.Token)
                    .SetDeviceAuthorizationEndpointUris(OidcPaths.Device)
                    .SetEndUserVerificationEndpointUris(OidcPaths.Verify)
                    .SetUserInfoEndpointUris(OidcPaths.UserInfo)
                    .SetEndSessionEndpointUris(OidcPaths.EndSession)
                    .SetJsonWebKeySetEndpointUris(OidcPaths.Jwks);
                server.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().AllowDeviceAuthorizationFlow();
                // PKCE for every code flow (OAuth 2.1), and only S256: "plain" is removed from the methods below.
                server.RequireProofKeyForCodeExchange();
                server.RegisterScopes(Scopes.Email, Scopes.Profile, OidcClaims.GroupsScope, Scopes.OfflineAccess);
                server.RegisterClaims(Claims.Subject, Claims.Email, Claims.EmailVerified, Claims.Name, OidcClaims.Groups);
                // Access tokens are plain RS256 JWTs, readable by any resource server that trusts the JWKS (decision 0088).
                server.DisableAccessTokenEncryption();
                var aspNetCore = server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableEndUserVerificationEndpointPassthrough();
                // HTTPS is required everywhere but on a developer's machine and in the test suite (decision 0088).
                if (builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing"))
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            });
        services.AddOptions<OpenIddictServerOptions>().Configure<IOptions<OidcOptions>>((server, settings) =>
        {
            var oidc = settings.Value;
            server.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain);
            server.Issuer = oidc.Issuer;
            server.IdentityTokenLifetime = oidc.IdentityTokenLifetime;
            server.AccessTokenLifetime = oidc.AccessTokenLifetime;
            server.RefreshTokenLifetime = oidc.RefreshTokenLifetime;
        });

        services.Replace(ServiceDescriptor.Scoped<IAuthenticationHandlerProvider, IssuerPathHandlers>());
        services.AddSingleton<OidcKeyProtection>();
        services.AddSingleton<OidcKeyRing>();
        services.AddSingleton<OidcServerKeys>();
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>>(provider => provider.GetRequiredService<OidcServerKeys>());
        services.AddScoped<OidcKeyStore>();
        services.AddScoped<OidcClientSeeder>();
        services.AddScoped<OidcSignIn>();
        services.AddHostedService<OidcKeyRefresher>();

        services.AddAuthentication().AddCookie(OidcSignIn.Scheme, cookie =>
        {
            cookie.Cookie.Name = "authapp-oidc";
            cookie.Cookie.Path = "/connect";
            cookie.Cookie.HttpOnly = true;
            // Lax: the cookie must come along when a relying party sends the browser back to /connect/authorize.
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = builder.Environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            cookie.SlidingExpiration = false;
            cookie.LoginPath = OidcPaths.SignIn;
        });
        services.AddOptions<CookieAuthenticationOptions>(OidcSignIn.Scheme).Configure<IOptions<OidcOptions>>(
            (cookie, settings) => cookie.ExpireTimeSpan = settings.Value.SignInLifetime);
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "authapp-oidc-af";
            antiforgery.Cookie.Path = "/connect";
            antiforgery.FormFieldName = OidcPages.AntiforgeryField;
        });

        // Keys in Redis: every replica can read the sign-in cookie and antiforgery tokens another one wrote.
        services.AddDataProtection().SetApplicationName("AuthApp.Api");
        services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((keys, redis) =>
            keys.XmlRepository = new Microsoft.AspNetCore.DataProtection.StackExchangeRedis.RedisXmlRepository(
                () => redis.GetDatabase(), "authapp:api:dataprotection-keys"));
        return builder;
    }

    /// <summary>Startup step: the keys exist and are loaded, and the kubectl client exists, before the first request.</summary>
    /// <remarks>
    /// The API starts even when PostgreSQL is away (it answers 503 until it is back); <see cref="OidcKeyRefresher"/>
    /// then repeats this step until it succeeds.
    /// </remarks>
    public static async Task PrepareOpenIdConnectIssuerAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            await PrepareAsync(scope.ServiceProvider, app.Lifetime.ApplicationStopping);
        }
        // EF wraps a refused connection in an InvalidOperationException ("likely due to a transient failure").
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException || ex.InnerException is Npgsql.NpgsqlException)
        {
            LogDeferred(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcServices)), ex.GetType().Name);
        }
    }

    internal static async Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<OidcKeyStore>().EnsureKeysAsync(cancellationToken);
        await services.GetRequiredService<OidcClientSeeder>().EnsureKubectlClientAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenID Connect: the database is unreachable ({Error}); the issuer's keys load once it is back, and the issuer refuses to issue tokens until then")]
    private static partial void LogDeferred(ILogger logger, string error);
}

/// <summary>The issuer's paths; none collides with <c>/token</c>, <c>/revoke</c> or <c>/introspect</c>.</summary>
public static class OidcPaths
{
    public const string Authorize = "connect/authorize";
    public const string Token = "connect/token";
    public const string Device = "connect/device";
    public const string Verify = "connect/verify";
    public const string UserInfo = "connect/userinfo";
    public const string EndSession = "connect/endsession";
    public const string Jwks = ".well-known/jwks";
    public const string SignIn = "/connect/signin";
    public const string SignedOut = "/connect/signedout";
    public const string DeviceDone = "/connect/device-connected";
}
