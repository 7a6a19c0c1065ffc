using System.Net;
using AuthApp.Tests.Admin;
using AuthApp.Tests.Infrastructure;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Tokens;

/// <summary>
/// S8: a disabled account is locked out everywhere at once. Token checks read Redis alone (decision 0082), so the
/// change is made the supported way, through the admin API, which ends the sessions in the same operation.
/// </summary>
public sealed class DisabledAccountTests(TestServices services)
{
    private readonly HttpClient _client = services.Api.CreateClient();

    [Fact] // S8
    public async Task DisablingTheAccountStopsBearerIntrospectionAndRefreshAtOnce()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (_, id, email, password) = await _client.CreateUserAsync();
        var (access, refresh) = await _client.LoginPairAsync(email, password);

        using (var disable = await _client.SendAsync(HttpMethod.Post, $"/admin/users/{id}/disable", admin)) Assert.Equal(HttpStatusCode.OK, disable.StatusCode);

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
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (_, id, email, password) = await _client.CreateUserAsync();
        var (access, refresh) = await _client.LoginPairAsync(email, password);
        using (await _client.SendAsync(HttpMethod.Post, $"/admin/users/{id}/disable", admin)) { }
        using (await _client.RefreshAsync(refresh)) { }

        using (var enable = await _client.SendAsync(HttpMethod.Post, $"/admin/users/{id}/enable", admin)) Assert.Equal(HttpStatusCode.OK, enable.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await _client.MeStatusAsync(access));
        using var refreshed = await _client.RefreshAsync(refresh);
        Assert.Equal(HttpStatusCode.BadRequest, refreshed.StatusCode);
    }

    [Fact] // S14
    public async Task NoTokenKeepsRolesTheAccountNoLongerHas()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (before, id, email, password) = await _client.CreateUserAsync();

        using (var promote = await _client.SendAsync(HttpMethod.Patch, $"/admin/users/{id}", admin, new { roles = new[] { "admin" } })) Assert.Equal(HttpStatusCode.OK, promote.StatusCode);
        var after = await _client.LoginAsync(email, password);

        using var oldIntrospection = await _client.IntrospectAsync(before);
        using var audit = await _client.SendAsBearerAsync(HttpMethod.Get, "/admin/audit", after);
        using var introspection = await _client.IntrospectAsync(after);
        Assert.False((await oldIntrospection.ReadJsonAsync()).GetProperty("active").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        Assert.Equal("admin", (await introspection.ReadJsonAsync()).GetProperty("scope").GetString());
    }
}
