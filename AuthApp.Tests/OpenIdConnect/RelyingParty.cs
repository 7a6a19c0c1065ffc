using System.Net;
using AuthApp.Api.Features.OpenIdConnect;
using AuthApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AuthApp.Tests.OpenIdConnect;

/// <summary>
/// A small web app that signs its users in through our issuer with Microsoft's own OpenIdConnect handler (code flow,
/// PKCE, userinfo), as any ASP.NET Core relying party would. <c>/</c> demands a sign-in and then shows what the
/// handler received: the id_token and the claims.
/// </summary>
public sealed class RelyingParty : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RelyingParty(WebApplication app, Uri address, string clientId)
    {
        _app = app;
        Address = address;
        ClientId = clientId;
    }

    public Uri Address { get; }

    public string ClientId { get; }

    /// <summary>Registers a public client for this app with the issuer (clients are data), then starts the app.</summary>
    public static async Task<RelyingParty> StartAsync(LiveIssuer issuer)
    {
        var port = ProcessRunner.FreePort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var clientId = $"rp-{Guid.NewGuid():N}";
        await RegisterAsync(issuer, clientId, new Uri(address, "signin-oidc"));

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(cookie => cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest)
            .AddOpenIdConnect(oidc =>
            {
                oidc.Authority = issuer.Address.ToString();
                // The test issuer is plain HTTP on loopback (Testing environment only, decision 0088).
                oidc.RequireHttpsMetadata = false;
                oidc.ClientId = clientId;
                oidc.ResponseType = "code";
                oidc.ResponseMode = "query";
                oidc.UsePkce = true;
                oidc.SaveTokens = true;
                oidc.MapInboundClaims = false;
                oidc.GetClaimsFromUserInfoEndpoint = true;
                oidc.Scope.Add("email");
                oidc.NonceCookie.SecurePolicy = oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                oidc.NonceCookie.SameSite = oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
            });
        var app = builder.Build();
        app.UseAuthentication();
        app.MapGet("/", ShowAsync);
        await app.StartAsync(ApiClient.Cancel);
        return new RelyingParty(app, address, clientId);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static async Task ShowAsync(HttpContext context)
    {
        if (!(await context.AuthenticateAsync()).Succeeded)
        {
            await context.ChallengeAsync();
            return;
        }

        await context.Response.WriteAsJsonAsync(new
        {
            idToken = await context.GetTokenAsync("id_token"),
            sub = context.User.FindFirst("sub")?.Value,
            email = context.User.FindFirst("email")?.Value,
            groups = context.User.FindAll("groups").Select(c => c.Value).ToArray(),
        });
    }

    private static async Task RegisterAsync(LiveIssuer issuer, string clientId, Uri redirectUri)
    {
        await using var scope = issuer.Api.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var client = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientType = ClientTypes.Public,
            ApplicationType = ApplicationTypes.Web,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = "Test relying party",
            RedirectUris = { redirectUri },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var permission in OidcClientSeeder.FirstPartyPermissions) client.Permissions.Add(permission);
        await applications.CreateAsync(client, ApiClient.Cancel);
    }
}
