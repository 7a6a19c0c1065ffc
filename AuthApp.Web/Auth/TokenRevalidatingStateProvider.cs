using AuthApp.Web.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace AuthApp.Web.Auth;

/// <summary>
/// In a live page (a Blazor circuit) the cookie is not re-read, so the token is re-checked on an interval;
/// once the API stops accepting it the page loses its admin and is sent to the sign-in page.
/// </summary>
public sealed class TokenRevalidatingStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<AdminSiteOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => options.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TokenCheck>().IsLiveAdminAsync(authenticationState.User, cancellationToken);
    }
}
