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

    private static RefreshPair Fresh(TokenSession presented) => new(
        presented.TokenHash, Guid.NewGuid().ToString("N"), TimeSpan.FromMinutes(5), Guid.NewGuid().ToString("N"), TimeSpan.FromMinutes(10),
        DateTimeOffset.UtcNow, "127.0.0.1", "tests", Actor: null);
}
