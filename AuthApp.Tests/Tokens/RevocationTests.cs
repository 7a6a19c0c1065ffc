using System.Net;
using System.Net.Http.Headers;
using AuthApp.Api.Features.Tokens;
using AuthApp.Tests.Infrastructure;
using StackExchange.Redis;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Tokens;

/// <summary>RFC 7009 and S8: logout revokes at once.</summary>
public sealed class RevocationTests(TestServices services)
{
    private readonly HttpClient _client = services.Api.CreateClient();

    [Fact] // S8
    public async Task RevokedTokenIsRefusedAtOnce()
    {
        var (token, _, _) = await _client.RegisterAndLoginAsync();

        using var revoke = await RevokeAsync(bearer: token);
        using var me = await _client.GetMeAsync(token);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact] // S8, S9
    public async Task TokenPresentedInTheBodyIsRevokedWithoutOtherCredentials()
    {
        var (token, email, password) = await _client.RegisterAndLoginAsync();
        var other = await _client.LoginAsync(email, password);

        using var revoke = await RevokeAsync(formToken: token);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        using (var me = await _client.GetMeAsync(token)) Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        using (var otherMe = await _client.GetMeAsync(other)) Assert.Equal(HttpStatusCode.OK, otherMe.StatusCode);
    }

    [Fact]
    public async Task RevokingTwiceIsNotAnError()
    {
        var (token, _, _) = await _client.RegisterAndLoginAsync();

        using var first = await RevokeAsync(formToken: token);
        using var second = await RevokeAsync(formToken: token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Theory]
    [InlineData("aat_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("garbage")]
    public async Task UnknownTokenIsAcceptedSilently(string token)
    {
        using var response = await RevokeAsync(formToken: token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task RevokedTokenIsRemovedFromTheUsersSessionIndex()
    {
        var (token, _, _) = await _client.RegisterAndLoginAsync();
        using var me = await _client.GetMeAsync(token);
        var userId = Guid.Parse((await me.ReadJsonAsync()).GetProperty("id").GetString()!);

        using var revoke = await RevokeAsync(bearer: token);

        var index = await services.RedisClient.GetDatabase().SortedSetRangeByScoreAsync(TokenStore.UserSessionsKey(userId));
        Assert.DoesNotContain(new TokenHasherForTests().Hash(token), index.Select(v => v.ToString()));
    }

    [Fact]
    public async Task RevokingOneTokenEndsAFamilyLargerThanOneBatch()
    {
        var (token, _, _) = await _client.RegisterAndLoginAsync();
        using var before = await _client.GetMeAsync(token);
        var userId = Guid.Parse((await before.ReadJsonAsync()).GetProperty("id").GetString()!);
        var redis = services.RedisClient.GetDatabase();
        var family = (string)(await redis.HashGetAsync(TokenStore.TokenKey(new TokenHasherForTests().Hash(token)), "family_id"))!;
        // Every refresh adds a hash to its family, so a long session's family outgrows the script's 500-key batches.
        var more = Enumerable.Range(0, 1_201).Select(i => $"batch-{i}-{Guid.NewGuid():N}").ToArray();
        foreach (var hash in more)
        {
            await redis.HashSetAsync(TokenStore.TokenKey(hash), [new("user_id", userId.ToString()), new("family_id", family)]);
            await redis.KeyExpireAsync(TokenStore.TokenKey(hash), TimeSpan.FromMinutes(5));
        }

        await redis.SetAddAsync(TokenFamilies.FamilyKey(family), [.. more.Select(h => (RedisValue)h)]);
        await redis.SortedSetAddAsync(TokenStore.UserSessionsKey(userId), [.. more.Select(h => new SortedSetEntry(h, 1))]);

        using var revoke = await RevokeAsync(formToken: token);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(0, await redis.KeyExistsAsync([.. more.Select(TokenStore.TokenKey)]));
        Assert.False(await redis.KeyExistsAsync(TokenFamilies.FamilyKey(family)));
        Assert.Empty(await redis.SortedSetRangeByRankAsync(TokenStore.UserSessionsKey(userId)));
        using var after = await _client.GetMeAsync(token);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task NoTokenAtAllIsABadRequestProblem()
    {
        using var response = await RevokeAsync();

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task InvalidBearerWithoutABodyIsUnauthorized()
    {
        using var response = await RevokeAsync(bearer: "aat_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task JsonBodyIsAnUnsupportedMediaTypeProblem()
    {
        using var content = new StringContent("{\"token\":\"x\"}", System.Text.Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/revoke", content, Cancel);

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    private async Task<HttpResponseMessage> RevokeAsync(string? formToken = null, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/revoke");
        if (formToken is not null) request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = formToken });
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await _client.SendAsync(request, Cancel);
    }
}
