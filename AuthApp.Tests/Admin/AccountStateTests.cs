using System.Net;
using AuthApp.Tests.Infrastructure;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Admin;

/// <summary>S8: disabling and deleting end every session at once.</summary>
public sealed class AdminAccountStateTests(TestServices services)
{
    private readonly HttpClient _client = services.Api.CreateClient();

    [Fact] // S8
    public async Task DisablingEndsEverySessionAtOnceAndRefusesLogin()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (first, id, email, password) = await _client.CreateUserAsync();
        var second = await _client.LoginAsync(email, password);

        using var response = await _client.SendAsync(HttpMethod.Post, $"/admin/users/{id}/disable", admin);
        using var firstMe = await _client.GetMeAsync(first);
        using var secondMe = await _client.GetMeAsync(second);
        using var login = await _client.PostTokenAsync(email, password);
        using var introspection = await _client.IntrospectAsync(first);

        Assert.False((await response.ReadJsonAsync()).GetProperty("active").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, firstMe.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, secondMe.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
        Assert.False((await introspection.ReadJsonAsync()).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task EnablingLetsTheUserSignInAgain()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (_, id, email, password) = await _client.CreateUserAsync();
        using (var disable = await _client.SendAsync(HttpMethod.Post, $"/admin/users/{id}/disable", admin)) Assert.Equal(HttpStatusCode.OK, disable.StatusCode);

        using var response = await _client.SendAsync(HttpMethod.Post, $"/admin/users/{id}/enable", admin);

        Assert.True((await response.ReadJsonAsync()).GetProperty("active").GetBoolean());
        Assert.False(string.IsNullOrEmpty(await _client.LoginAsync(email, password)));
    }

    [Fact] // S8
    public async Task DeletingRemovesTheUserAndEndsItsSessions()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (token, id, email, password) = await _client.CreateUserAsync();

        using var response = await _client.SendAsync(HttpMethod.Delete, $"/admin/users/{id}", admin);
        using var me = await _client.GetMeAsync(token);
        using var get = await _client.SendAsync(HttpMethod.Get, $"/admin/users/{id}", admin);
        using var again = await _client.SendAsync(HttpMethod.Delete, $"/admin/users/{id}", admin);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        await get.AssertProblemAsync(HttpStatusCode.NotFound);
        await again.AssertProblemAsync(HttpStatusCode.NotFound);
        using var login = await _client.PostTokenAsync(email, password);
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
    }

    [Theory]
    [InlineData("POST", "disable")]
    [InlineData("POST", "enable")]
    [InlineData("PUT", "password")]
    public async Task ChangingAnUnknownUserIsA404(string method, string action)
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());

        using var response = await _client.SendAsync(new HttpMethod(method), $"/admin/users/{Guid.NewGuid()}/{action}", admin,
            method == "PUT" ? new { password = FreshPassword() } : null);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
