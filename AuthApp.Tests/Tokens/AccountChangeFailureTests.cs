using System.Net;
using AuthApp.Tests.Admin;
using AuthApp.Tests.Infrastructure;
using StackExchange.Redis;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Tokens;

/// <summary>
/// Decision 0082: an account change updates the sessions in Redis inside its database transaction. When that Redis
/// update fails, the change answers 503 and nothing changed: no success with sessions still showing the old account.
/// The failure is real: the API connects as a Redis ACL user that may not run SET, which the session scripts need.
/// </summary>
public sealed class AccountChangeFailureTests(TestServices services)
{
    private readonly HttpClient _client = services.Api.CreateClient();

    [Fact] // S8
    public async Task ADisableWhoseSessionUpdateFailsAnswers503AndLeavesTheAccountActive()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (token, id, email, password) = await _client.CreateUserAsync();
        await using var api = await ApiWithoutRedisSetAsync();
        using var failing = api.CreateClient();

        using var disable = await failing.SendAsync(HttpMethod.Post, $"/admin/users/{id}/disable", admin);

        await disable.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(disable.Headers.RetryAfter);
        Assert.True((await _client.GetJsonAsync($"/admin/users/{id}", admin)).GetProperty("active").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, await _client.MeStatusAsync(token));
        Assert.False(string.IsNullOrEmpty(await _client.LoginAsync(email, password)));
    }

    [Fact] // S8
    public async Task APasswordResetWhoseSessionUpdateFailsAnswers503AndKeepsTheOldPassword()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (token, id, email, password) = await _client.CreateUserAsync();
        await using var api = await ApiWithoutRedisSetAsync();
        using var failing = api.CreateClient();

        using var reset = await failing.SendAsync(HttpMethod.Put, $"/admin/users/{id}/password", admin, new { password = FreshPassword() });

        await reset.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.OK, await _client.MeStatusAsync(token));
        Assert.False(string.IsNullOrEmpty(await _client.LoginAsync(email, password)));
    }

    [Fact]
    public async Task ADisplayNameChangeWhoseSessionUpdateFailsAnswers503AndChangesNothing()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (token, id, _, _) = await _client.CreateUserAsync();
        await using var api = await ApiWithoutRedisSetAsync();
        using var failing = api.CreateClient();

        using var rename = await failing.SendAsync(HttpMethod.Patch, $"/admin/users/{id}", admin, new { displayName = "Not Applied" });

        await rename.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await _client.GetJsonAsync($"/admin/users/{id}", admin)).GetProperty("displayName").ValueKind);
        using var me = await _client.GetMeAsync(token);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await me.ReadJsonAsync()).GetProperty("displayName").ValueKind);
    }

    /// <summary>An API on the shared servers whose Redis user may read and run scripts, but not SET.</summary>
    private async Task<ApiFactory> ApiWithoutRedisSetAsync()
    {
        var user = $"noset-{Guid.NewGuid():N}";
        var secret = Guid.NewGuid().ToString("N");
        await using (var admin = await ConnectionMultiplexer.ConnectAsync(services.Redis.ConnectionString + ",allowAdmin=true"))
        {
            await admin.GetServers().Single().ExecuteAsync("ACL", "SETUSER", user, "on", $">{secret}", "~*", "&*", "+@all", "-set");
        }

        return services.CreateApi(settings => settings["ConnectionStrings:redis"] = $"127.0.0.1:{services.Redis.Port},user={user},password={secret}");
    }
}
