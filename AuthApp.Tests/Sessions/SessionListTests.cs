using System.Net;
using System.Net.Http.Headers;
using AuthApp.Tests.Infrastructure;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Sessions;

/// <summary>A user's own sessions: listed without secrets, and ended all at once (S8).</summary>
public sealed class SessionListTests(TestServices services)
{
    private readonly HttpClient _client = services.Api.CreateClient();

    [Fact] // S17
    public async Task SessionsAreListedWithTheCurrentOneMarkedAndNoTokenOrHash()
    {
        var (email, password, _) = await _client.RegisterAsync();
        var (phone, phoneRefresh) = await LoginWithAgentAsync(email, password, "PhoneApp/1.0");
        var (laptop, laptopRefresh) = await LoginWithAgentAsync(email, password, "Laptop/2.0");
        var (_, _, _) = await _client.RegisterAsync();

        using var response = await _client.SendAsBearerAsync(HttpMethod.Get, "/users/me/sessions", laptop);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        var sessions = (await response.ReadJsonAsync()).EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, sessions.Count);
        var current = Assert.Single(sessions, s => s.GetProperty("current").GetBoolean());
        Assert.Equal("Laptop/2.0", current.GetProperty("userAgent").GetString());
        Assert.Contains(sessions, s => s.GetProperty("userAgent").GetString() == "PhoneApp/1.0");
        Assert.All(sessions, s => Assert.True(s.GetProperty("expiresAt").GetDateTimeOffset() > s.GetProperty("issuedAt").GetDateTimeOffset()));
        var hasher = new TokenHasherForTests();
        foreach (var token in new[] { phone, phoneRefresh, laptop, laptopRefresh })
        {
            Assert.DoesNotContain(token[4..], text, StringComparison.Ordinal);
            Assert.DoesNotContain(hasher.Hash(token), text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ARefreshKeepsTheSessionAndItsId()
    {
        var (email, password, _) = await _client.RegisterAsync();
        var (access, refresh) = await _client.LoginPairAsync(email, password);
        var before = await ListAsync(access);

        var (newAccess, _) = await _client.RefreshPairAsync(refresh);
        var after = await ListAsync(newAccess);

        Assert.Equal(before.Single().GetProperty("id").GetString(), after.Single().GetProperty("id").GetString());
        Assert.True(after.Single().GetProperty("current").GetBoolean());
    }

    [Fact] // S8
    public async Task LoggingOutEverywhereEndsEverySessionIncludingThisOne()
    {
        var (email, password, _) = await _client.RegisterAsync();
        var (access, refresh) = await _client.LoginPairAsync(email, password);
        var (otherAccess, otherRefresh) = await _client.LoginPairAsync(email, password);
        var (bystander, _, _) = await _client.RegisterAndLoginAsync();

        using var response = await _client.SendAsBearerAsync(HttpMethod.Post, "/users/me/sessions/revoke", access);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await response.ReadJsonAsync()).GetProperty("revokedSessions").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, await _client.MeStatusAsync(access));
        Assert.Equal(HttpStatusCode.Unauthorized, await _client.MeStatusAsync(otherAccess));
        foreach (var token in new[] { refresh, otherRefresh })
        {
            using var refreshed = await _client.RefreshAsync(token);
            Assert.Equal(HttpStatusCode.BadRequest, refreshed.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, await _client.MeStatusAsync(bystander));
    }

    [Fact]
    public async Task SessionEndpointsNeedABearerToken()
    {
        using var list = await _client.GetAsync("/users/me/sessions", Cancel);
        using var revoke = await _client.PostAsync("/users/me/sessions/revoke", null, Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, revoke.StatusCode);
    }

    private async Task<List<System.Text.Json.JsonElement>> ListAsync(string access)
    {
        using var response = await _client.SendAsBearerAsync(HttpMethod.Get, "/users/me/sessions", access);
        return (await response.ReadJsonAsync()).EnumerateArray().ToList();
    }

    private async Task<(string Access, string Refresh)> LoginWithAgentAsync(string email, string password, string agent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = email, ["password"] = password }),
        };
        request.Headers.UserAgent.Add(ProductInfoHeaderValue.Parse(agent));
        using var response = await _client.SendAsync(request, Cancel);
        var body = await response.ReadJsonAsync();
        return (body.GetProperty("access_token").GetString()!, body.GetProperty("refresh_token").GetString()!);
    }
}
