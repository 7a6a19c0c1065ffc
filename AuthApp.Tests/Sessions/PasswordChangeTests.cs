using System.Net;
using AuthApp.Tests.Infrastructure;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Sessions;

/// <summary>S3: changing the password needs the current one and ends every other session.</summary>
public sealed class PasswordChangeTests(TestServices services)
{
    private readonly HttpClient _client = services.Api.CreateClient();

    [Fact] // S3, S8
    public async Task ChangingThePasswordEndsOtherSessionsAndKeepsThisOne()
    {
        var (email, password, _) = await _client.RegisterAsync();
        var (access, refresh) = await _client.LoginPairAsync(email, password);
        var (otherAccess, otherRefresh) = await _client.LoginPairAsync(email, password);
        var newPassword = FreshPassword();

        using var response = await _client.SendAsBearerAsync(HttpMethod.Post, "/users/me/password", access, new { currentPassword = password, newPassword });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.ReadJsonAsync()).GetProperty("revokedSessions").GetInt32());
        Assert.Equal(HttpStatusCode.OK, await _client.MeStatusAsync(access));
        Assert.Equal(HttpStatusCode.Unauthorized, await _client.MeStatusAsync(otherAccess));
        using (var otherRefreshed = await _client.RefreshAsync(otherRefresh)) Assert.Equal(HttpStatusCode.BadRequest, otherRefreshed.StatusCode);
        await _client.RefreshPairAsync(refresh);
        using (var oldLogin = await _client.PostTokenAsync(email, password)) Assert.Equal(HttpStatusCode.BadRequest, oldLogin.StatusCode);
        await _client.LoginAsync(email, newPassword);
    }

    [Fact] // S3
    public async Task AWrongCurrentPasswordChangesNothing()
    {
        var (email, password, _) = await _client.RegisterAsync();
        var access = await _client.LoginAsync(email, password);
        var other = await _client.LoginAsync(email, password);

        using var response = await _client.SendAsBearerAsync(
            HttpMethod.Post, "/users/me/password", access, new { currentPassword = "not my password at all", newPassword = FreshPassword() });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("current password", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await _client.MeStatusAsync(other));
        await _client.LoginAsync(email, password);
    }

    [Fact] // S2, S3
    public async Task TheNewPasswordMustPassThePasswordPolicy()
    {
        var (email, password, _) = await _client.RegisterAsync();
        var access = await _client.LoginAsync(email, password);

        using var response = await _client.SendAsBearerAsync(
            HttpMethod.Post, "/users/me/password", access, new { currentPassword = password, newPassword = "short" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("newPassword", out _));
        await _client.LoginAsync(email, password);
    }

    [Fact]
    public async Task ChangingThePasswordNeedsABearerToken()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/users/me/password")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { currentPassword = "x", newPassword = FreshPassword() }),
        };
        using var response = await _client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact] // S13
    public async Task AMissingFieldIsABadRequestProblem()
    {
        var (access, _, _) = await _client.RegisterAndLoginAsync();

        using var response = await _client.SendAsBearerAsync(HttpMethod.Post, "/users/me/password", access, new { newPassword = FreshPassword() });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
