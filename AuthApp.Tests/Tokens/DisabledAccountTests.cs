using System.Net;
using AuthApp.Tests.Infrastructure;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Tokens;

/// <summary>S8: a disabled account is locked out everywhere at once, even when only the database row changed.</summary>
public sealed class DisabledAccountTests(TestServices services)
{
    private readonly HttpClient _client = services.Api.CreateClient();

    [Fact] // S8
    public async Task DisablingTheRowStopsBearerIntrospectionAndRefreshAtOnce()
    {
        var (email, password, _) = await _client.RegisterAsync();
        var (access, refresh) = await _client.LoginPairAsync(email, password);

        await services.UpdateUserAsync(email, user => user.IsActive = false);

        using var sessions = await _client.SendAsBearerAsync(HttpMethod.Get, "/users/me/sessions", access);
        using var introspection = await _client.IntrospectAsync(access);
        using var refreshed = await _client.RefreshAsync(refresh);
        using var login = await _client.PostTokenAsync(email, password);
        Assert.Equal(HttpStatusCode.Unauthorized, sessions.StatusCode);
        Assert.False((await introspection.ReadJsonAsync()).GetProperty("active").GetBoolean());
        Assert.Equal("invalid_grant", (await refreshed.ReadJsonAsync()).GetProperty("error").GetString());
        Assert.Equal("invalid_grant", (await login.ReadJsonAsync()).GetProperty("error").GetString());
    }

    [Fact] // S8
    public async Task ARefusedRefreshOfADisabledAccountEndsItsSessionForGood()
    {
        var (email, password, _) = await _client.RegisterAsync();
        var (access, refresh) = await _client.LoginPairAsync(email, password);
        await services.UpdateUserAsync(email, user => user.IsActive = false);
        using (await _client.RefreshAsync(refresh)) { }

        await services.UpdateUserAsync(email, user => user.IsActive = true);

        Assert.Equal(HttpStatusCode.Unauthorized, await _client.MeStatusAsync(access));
        using var refreshed = await _client.RefreshAsync(refresh);
        Assert.Equal(HttpStatusCode.BadRequest, refreshed.StatusCode);
    }

    [Fact] // S14
    public async Task RoleChangesApplyToTokensAlreadyIssued()
    {
        var (email, password, _) = await _client.RegisterAsync();
        var access = await _client.LoginAsync(email, password);

        await services.UpdateUserAsync(email, user => user.Roles = ["admin"]);

        using var audit = await _client.SendAsBearerAsync(HttpMethod.Get, "/admin/audit", access);
        using var introspection = await _client.IntrospectAsync(access);
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        Assert.Equal("admin", (await introspection.ReadJsonAsync()).GetProperty("scope").GetString());
    }
}
