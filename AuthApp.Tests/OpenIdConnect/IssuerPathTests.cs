using AuthApp.Api.Features.Tokens;
using AuthApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Server.AspNetCore;

namespace AuthApp.Tests.OpenIdConnect;

/// <summary>
/// Decision 0102: OpenIddict's server handler is offered to the authentication middleware only on the issuer's paths,
/// so the API's own requests do not pay for its endpoint matching; the issuer's own flows are the other tests here.
/// </summary>
public sealed class IssuerPathTests(TestServices services)
{
    [Theory]
    [InlineData("/connect/token", true)]
    [InlineData("/connect/authorize", true)]
    [InlineData("/.well-known/openid-configuration", true)]
    [InlineData("/auth/connect/userinfo", true)] // an issuer URL with a path of its own
    [InlineData("/users/me", false)]
    [InlineData("/introspect", false)]
    [InlineData("/token", false)]
    [InlineData("/alive", false)]
    public async Task TheIssuersHandlerIsOfferedOnlyOnIssuerPaths(string path, bool offered)
    {
        await using var scope = services.Api.Services.CreateAsyncScope();
        var handlers = scope.ServiceProvider.GetRequiredService<IAuthenticationHandlerProvider>();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Path = path;

        var issuer = await handlers.GetHandlerAsync(context, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var bearer = await handlers.GetHandlerAsync(context, BearerTokenHandler.SchemeName);

        Assert.Equal(offered, issuer is IAuthenticationRequestHandler);
        Assert.NotNull(bearer); // the API's own scheme is there on every path
    }
}
