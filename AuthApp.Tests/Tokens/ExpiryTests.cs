using System.Net;
using AuthApp.Api.Features.Tokens;
using AuthApp.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Tokens;

/// <summary>S7: access tokens expire, by our clock and by Redis's TTL.</summary>
public sealed class ExpiryTests(TestServices services)
{
    [Fact] // S7
    public async Task TokenWorksOneSecondBeforeExpiryAndNotAtExpiry()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var api = services.CreateApi(time: clock);
        using var client = api.CreateClient();
        var (token, _, _) = await client.RegisterAndLoginAsync();

        clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        using (var before = await client.GetMeAsync(token)) Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        clock.Advance(TimeSpan.FromSeconds(1));
        using var at = await client.GetMeAsync(token);
        Assert.Equal(HttpStatusCode.Unauthorized, at.StatusCode);
    }

    [Fact]
    public async Task ConfiguredLifetimeIsUsedForExpiresInAndExpiry()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var api = services.CreateApi(settings => settings["Auth:AccessTokenLifetime"] = "00:02:00", clock);
        using var client = api.CreateClient();
        var (email, password, _) = await client.RegisterAsync();

        using var response = await client.PostTokenAsync(email, password);
        var body = await response.ReadJsonAsync();
        var token = body.GetProperty("access_token").GetString();
        Assert.Equal(120, body.GetProperty("expires_in").GetInt32());

        clock.Advance(TimeSpan.FromMinutes(2));
        using var expired = await client.GetMeAsync(token);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }

    [Fact] // S7
    public async Task RedisDropsTheTokenWhenItsLifetimeEnds()
    {
        using var client = services.Api.CreateClient();
        var (token, _, _) = await client.RegisterAndLoginAsync();

        var hash = new TokenHasherForTests().Hash(token);
        var ttl = await services.RedisClient.GetDatabase().KeyTimeToLiveAsync(TokenStore.TokenKey(hash));

        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task ExpiredTokenIsInactiveForIntrospection()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var api = services.CreateApi(time: clock);
        using var client = api.CreateClient();
        var (token, _, _) = await client.RegisterAndLoginAsync();

        clock.Advance(TimeSpan.FromMinutes(16));
        using var response = await client.IntrospectAsync(token);

        Assert.False((await response.ReadJsonAsync()).GetProperty("active").GetBoolean());
    }
}
