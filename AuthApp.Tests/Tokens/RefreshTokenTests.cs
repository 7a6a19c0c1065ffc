using System.Net;
using AuthApp.Api.Features.Tokens;
using AuthApp.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Tokens;

/// <summary>RFC 6749 §6 and S7: refresh tokens rotate on every use; reuse ends the whole family.</summary>
public sealed class RefreshTokenTests(TestServices services)
{
    private readonly HttpClient _client = services.Api.CreateClient();

    [Fact] // S5, S6
    public async Task LoginReturnsAPrefixedRefreshTokenThatRedisHoldsOnlyAsAKeyedHash()
    {
        var (email, password, _) = await _client.RegisterAsync();

        var (_, refresh) = await _client.LoginPairAsync(email, password);

        Assert.StartsWith("art_", refresh, StringComparison.Ordinal);
        Assert.Equal(TokenFormat.AccessTokenLength, refresh.Length);
        var stored = await services.RedisClient.GetDatabase().HashGetAsync(TokenStore.TokenKey(new TokenHasherForTests().Hash(refresh)), "kind");
        Assert.Equal(TokenKinds.Refresh, stored.ToString());
        var server = services.RedisClient.GetServers()[0];
        await foreach (var key in server.KeysAsync(pattern: "authapp:*"))
        {
            Assert.DoesNotContain(refresh[4..], key.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact] // S7
    public async Task RefreshIssuesANewPairAndRetiresTheOldRefreshToken()
    {
        var (email, password, _) = await _client.RegisterAsync();
        var (access, refresh) = await _client.LoginPairAsync(email, password);

        using var response = await _client.RefreshAsync(refresh);
        var body = await response.ReadJsonAsync();
        var newAccess = body.GetProperty("access_token").GetString()!;
        var newRefresh = body.GetProperty("refresh_token").GetString()!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal(900, body.GetProperty("expires_in").GetInt32());
        Assert.NotEqual(access, newAccess);
        Assert.NotEqual(refresh, newRefresh);
        Assert.Equal(HttpStatusCode.OK, await _client.MeStatusAsync(newAccess));
        using var again = await _client.RefreshAsync(refresh);
        Assert.Equal("invalid_grant", (await again.ReadJsonAsync()).GetProperty("error").GetString());
    }

    [Fact] // S7, S8
    public async Task ReusingARotatedRefreshTokenRevokesItsWholeFamilyButNoOtherSession()
    {
        var (email, password, _) = await _client.RegisterAsync();
        var (firstAccess, firstRefresh) = await _client.LoginPairAsync(email, password);
        var (secondAccess, secondRefresh) = await _client.RefreshPairAsync(firstRefresh);
        var (otherAccess, otherRefresh) = await _client.LoginPairAsync(email, password);

        using var reuse = await _client.RefreshAsync(firstRefresh);

        Assert.Equal(HttpStatusCode.BadRequest, reuse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await _client.MeStatusAsync(firstAccess));
        Assert.Equal(HttpStatusCode.Unauthorized, await _client.MeStatusAsync(secondAccess));
        using (var stolen = await _client.RefreshAsync(secondRefresh)) Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await _client.MeStatusAsync(otherAccess));
        await _client.RefreshPairAsync(otherRefresh);
    }

    [Fact] // S7
    public async Task TwoConcurrentRefreshesOfOneTokenLetExactlyOneWin()
    {
        var (email, password, _) = await _client.RegisterAsync();
        for (var round = 0; round < 6; round++)
        {
            var (_, refresh) = await _client.LoginPairAsync(email, password);

            var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => _client.RefreshAsync(refresh), Cancel)));

            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
            var loser = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.BadRequest);
            Assert.Equal("invalid_grant", (await loser.ReadJsonAsync()).GetProperty("error").GetString());
            // The loser presented a token already rotated: that is reuse, so the winner's session ends too.
            var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.OK).ReadJsonAsync();
            Assert.Equal(HttpStatusCode.Unauthorized, await _client.MeStatusAsync(winner.GetProperty("access_token").GetString()!));
            foreach (var response in responses) response.Dispose();
        }
    }

    [Fact] // S7
    public async Task RefreshTokenWorksOneSecondBeforeItsLifetimeEndsAndNotAtTheEnd()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var api = services.CreateApi(settings => settings["Auth:RefreshTokenLifetime"] = "1.00:00:00", clock);
        using var client = api.CreateClient();
        var (email, password, _) = await client.RegisterAsync();
        var (_, early) = await client.LoginPairAsync(email, password);
        var (_, late) = await client.LoginPairAsync(email, password);

        clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromSeconds(1));
        await client.RefreshPairAsync(early);
        clock.Advance(TimeSpan.FromSeconds(1));
        using var expired = await client.RefreshAsync(late);

        Assert.Equal("invalid_grant", (await expired.ReadJsonAsync()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task AccessAndRefreshTokensAreNotInterchangeable()
    {
        var (email, password, _) = await _client.RegisterAsync();
        var (access, refresh) = await _client.LoginPairAsync(email, password);

        using var refreshWithAccess = await _client.RefreshAsync(access);
        using var introspectRefresh = await _client.IntrospectAsync(refresh);

        Assert.Equal(HttpStatusCode.Unauthorized, await _client.MeStatusAsync(refresh));
        Assert.Equal("invalid_grant", (await refreshWithAccess.ReadJsonAsync()).GetProperty("error").GetString());
        Assert.False((await introspectRefresh.ReadJsonAsync()).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task RefreshWithoutATokenIsAnInvalidRequest()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token" });
        using var response = await _client.PostAsync("/token", form, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await response.ReadJsonAsync()).GetProperty("error").GetString());
    }

    [Fact] // S8
    public async Task RevokingTheRefreshTokenEndsItsAccessTokenToo()
    {
        var (email, password, _) = await _client.RegisterAsync();
        var (access, refresh) = await _client.LoginPairAsync(email, password);

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = refresh });
        using var revoke = await _client.PostAsync("/revoke", form, Cancel);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await _client.MeStatusAsync(access));
        using var refreshed = await _client.RefreshAsync(refresh);
        Assert.Equal(HttpStatusCode.BadRequest, refreshed.StatusCode);
    }

    [Fact] // S8
    public async Task LoggingOutWithTheAccessTokenEndsTheRefreshTokenToo()
    {
        var (email, password, _) = await _client.RegisterAsync();
        var (access, refresh) = await _client.LoginPairAsync(email, password);

        using (await _client.SendAsBearerAsync(HttpMethod.Post, "/revoke", access)) { }
        using var refreshed = await _client.RefreshAsync(refresh);

        Assert.Equal(HttpStatusCode.BadRequest, refreshed.StatusCode);
    }

    [Fact]
    public async Task CompatibilityLoginAlsoGivesARefreshTokenThatWorksThere()
    {
        var (email, password, _) = await _client.RegisterAsync();
        using var login = await _client.PostTokenAsync(email, password, "/accounts/token");
        var refresh = (await login.ReadJsonAsync()).GetProperty("refresh_token").GetString()!;

        using var refreshed = await _client.RefreshAsync(refresh, "/accounts/token");

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
    }
}
