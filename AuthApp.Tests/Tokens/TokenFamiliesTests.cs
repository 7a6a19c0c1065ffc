using AuthApp.Api.Features.Tokens;
using AuthApp.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Tokens;

/// <summary>The Redis side of rotation under real contention: many refreshes of one token, one commit.</summary>
public sealed class TokenFamiliesTests(TestServices services)
{
    private readonly HttpClient _client = services.Api.CreateClient();
    private readonly TokenFamilies _families = services.Api.Services.GetRequiredService<TokenFamilies>();
    private readonly TokenStore _store = services.Api.Services.GetRequiredService<TokenStore>();

    [Fact] // S7
    public async Task OfEightSimultaneousRotationsOfOneRefreshTokenExactlyOneCommits()
    {
        var (email, password, _) = await _client.RegisterAsync();
        for (var round = 0; round < 5; round++)
        {
            var (_, refresh) = await _client.LoginPairAsync(email, password);
            var presented = (await _store.FindAsync(new TokenHasherForTests().Hash(refresh)))!;
            using var start = new ManualResetEventSlim();

            var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(
                async () =>
                {
                    start.Wait(Cancel);
                    return await _families.RefreshAsync(Fresh(presented));
                },
                Cancel)).ToList();
            start.Set();
            var committed = await Task.WhenAll(attempts);

            var winner = Assert.Single(committed, c => c is not null);
            Assert.Equal(presented.FamilyId, winner!.FamilyId);
            Assert.Equal(presented.UserId, winner.UserId);
            var family = await services.RedisClient.GetDatabase().SetMembersAsync(TokenFamilies.FamilyKey(presented.FamilyId!));
            Assert.Equal(3, family.Length); // the login's access token and the one winning pair
        }
    }

    [Fact] // a rotation leaves no key of the session without an expiry, and none holding the presented token
    public async Task ARotationMovesTheIndexAndTheFamilyToTheNewPairAndExtendsTheirExpiry()
    {
        var (email, password, user) = await _client.RegisterAsync();
        var userId = Guid.Parse(user.GetProperty("id").GetString()!);
        var (access, refresh) = await _client.LoginPairAsync(email, password);
        var presented = (await _store.FindAsync(new TokenHasherForTests().Hash(refresh)))!;
        var redis = services.RedisClient.GetDatabase();
        var family = TokenFamilies.FamilyKey(presented.FamilyId!);
        var index = TokenStore.UserSessionsKey(userId);
        // The presented token alone in both (its access token ended by itself): retiring it first would empty each key,
        // and a key made again by the next add has no expiry that GT could extend.
        var accessHash = new TokenHasherForTests().Hash(access);
        await redis.SetRemoveAsync(family, accessHash);
        await redis.SortedSetRemoveAsync(index, accessHash);
        // Longer than the login's 14 days: the index and the family must be extended to it, not keep the login's expiry.
        var pair = Fresh(presented) with { RefreshLifetime = TimeSpan.FromDays(30) };

        Assert.NotNull(await _families.RefreshAsync(pair));

        var familyMembers = (await redis.SetMembersAsync(family)).Select(m => m.ToString()).ToList();
        var indexMembers = (await redis.SortedSetRangeByRankAsync(index)).Select(m => m.ToString()).ToList();
        foreach (var members in new[] { familyMembers, indexMembers })
        {
            Assert.DoesNotContain(presented.TokenHash, members);
            Assert.Contains(pair.AccessHash, members);
            Assert.Contains(pair.RefreshHash, members);
        }

        foreach (var key in new[] { family, index })
        {
            var ttl = await redis.KeyTimeToLiveAsync(key);
            Assert.True(ttl > TimeSpan.FromDays(29), $"{key} expires in {ttl?.ToString() ?? "never"}");
        }
    }

    private static RefreshPair Fresh(TokenSession presented) => new(
        presented.TokenHash, Guid.NewGuid().ToString("N"), TimeSpan.FromMinutes(5), Guid.NewGuid().ToString("N"), TimeSpan.FromMinutes(10),
        DateTimeOffset.UtcNow, "127.0.0.1", "tests", Actor: null);
}
