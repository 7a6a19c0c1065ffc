using System.Net;
using AuthApp.Tests.Infrastructure;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Admin;

/// <summary>
/// <c>/admin/users/{id}/sessions</c>: sessions are token families (a login and its refreshes), listed without
/// tokens in the same shape as <c>/users/me/sessions</c>, revoked one by one or all at once.
/// </summary>
public sealed class SessionTests(TestServices services)
{
    private readonly HttpClient _client = services.Api.CreateClient();

    [Fact] // S6, S17
    public async Task SessionsAreListedOncePerLoginWithTheirDetailsButNeverATokenOrItsHash()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (token, id, email, password) = await _client.CreateUserAsync();
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("SessionListTest/1.0");
        var (second, refresh) = await _client.LoginPairAsync(email, password);

        using var response = await _client.SendAsync(HttpMethod.Get, $"/admin/users/{id}/sessions", admin);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        var sessions = (await response.ReadJsonAsync()).EnumerateArray().ToList();

        // Two logins, each an access and a refresh token: two sessions, not four tokens.
        Assert.Equal(2, sessions.Count);
        Assert.All(sessions, s =>
        {
            Assert.False(string.IsNullOrEmpty(s.GetProperty("id").GetString()));
            Assert.False(s.GetProperty("current").GetBoolean());
            Assert.False(s.TryGetProperty("kind", out _));
            Assert.True(s.GetProperty("expiresAt").GetDateTimeOffset() > s.GetProperty("issuedAt").GetDateTimeOffset());
        });
        Assert.Contains(sessions, s => s.GetProperty("userAgent").GetString() == "SessionListTest/1.0");
        var hasher = new TokenHasherForTests();
        foreach (var secret in new[] { token, second, refresh, hasher.Hash(token), hasher.Hash(second), hasher.Hash(refresh), hasher.Hash(token)[..32] })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Fact] // S8
    public async Task RevokingOneSessionEndsThatTokenAtOnceAndLeavesTheOthers()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (first, id, email, password) = await _client.CreateUserAsync();
        var sessionIds = (await _client.GetJsonAsync($"/admin/users/{id}/sessions", admin)).EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToList();
        var second = await _client.LoginAsync(email, password);

        using var response = await _client.SendAsync(HttpMethod.Delete, $"/admin/users/{id}/sessions/{Assert.Single(sessionIds)}", admin);
        using var firstMe = await _client.GetMeAsync(first);
        using var secondMe = await _client.GetMeAsync(second);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, firstMe.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondMe.StatusCode);
    }

    [Fact] // S7, S8: the security bug of listing access tokens only: a revoked session's refresh token lived on
    public async Task RevokingOneSessionKillsBothItsAccessAndRefreshTokensAndLeavesTheOtherSessionWorking()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (email, password, user) = await _client.RegisterAsync();
        var id = user.GetProperty("id").GetGuid();
        var (access, refresh) = await _client.LoginPairAsync(email, password);
        var sessionId = Assert.Single(SessionIdsOf(await _client.GetJsonAsync($"/admin/users/{id}/sessions", admin)));
        var (otherAccess, otherRefresh) = await _client.LoginPairAsync(email, password);

        using var response = await _client.SendAsync(HttpMethod.Delete, $"/admin/users/{id}/sessions/{sessionId}", admin);
        var accessStatus = await _client.MeStatusAsync(access);
        using var refreshed = await _client.RefreshAsync(refresh);
        var otherStatus = await _client.MeStatusAsync(otherAccess);
        var (renewed, _) = await _client.RefreshPairAsync(otherRefresh);
        var left = SessionIdsOf(await _client.GetJsonAsync($"/admin/users/{id}/sessions", admin));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, accessStatus);
        Assert.Equal(HttpStatusCode.BadRequest, refreshed.StatusCode);
        Assert.Equal("invalid_grant", (await refreshed.ReadJsonAsync()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, otherStatus);
        Assert.Equal(HttpStatusCode.OK, await _client.MeStatusAsync(renewed));
        Assert.DoesNotContain(sessionId, left);
        Assert.Single(left);
    }

    [Fact]
    public async Task RevokingAnUnknownSessionIsA404()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (token, id, _, _) = await _client.CreateUserAsync();

        using var response = await _client.SendAsync(HttpMethod.Delete, $"/admin/users/{id}/sessions/{new string('0', 32)}", admin);
        using var me = await _client.GetMeAsync(token);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task ASessionIdOfAnotherUserDoesNotRevokeIt()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (victim, victimId, _, _) = await _client.CreateUserAsync();
        var (_, otherId, _, _) = await _client.CreateUserAsync();
        var sessionId = (await _client.GetJsonAsync($"/admin/users/{victimId}/sessions", admin))[0].GetProperty("id").GetString();

        using var response = await _client.SendAsync(HttpMethod.Delete, $"/admin/users/{otherId}/sessions/{sessionId}", admin);
        using var me = await _client.GetMeAsync(victim);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact] // S8
    public async Task RevokingAllEndsEveryTokenAtOnceAndReportsHowMany()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (first, id, email, password) = await _client.CreateUserAsync();
        var second = await _client.LoginAsync(email, password);

        using var response = await _client.SendAsync(HttpMethod.Delete, $"/admin/users/{id}/sessions", admin);
        using var firstMe = await _client.GetMeAsync(first);
        using var secondMe = await _client.GetMeAsync(second);
        var left = await _client.GetJsonAsync($"/admin/users/{id}/sessions", admin);

        Assert.Equal(2, (await response.ReadJsonAsync()).GetProperty("revokedSessions").GetInt64());
        Assert.Equal(HttpStatusCode.Unauthorized, firstMe.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, secondMe.StatusCode);
        Assert.Equal(0, left.GetArrayLength());
    }

    [Fact]
    public async Task SessionsOfAnUnknownUserAreA404()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());

        using var response = await _client.SendAsync(HttpMethod.Get, $"/admin/users/{Guid.NewGuid()}/sessions", admin);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static List<string> SessionIdsOf(System.Text.Json.JsonElement sessions) =>
        [.. sessions.EnumerateArray().Select(s => s.GetProperty("id").GetString()!)];
}
