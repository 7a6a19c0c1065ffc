using System.Net;
using AuthApp.Api.Features.Tokens;
using AuthApp.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Tokens;

/// <summary>The per-user session index that issues 4 and 5 build on (S8: revoke all at once).</summary>
public sealed class TokenStoreTests(TestServices services)
{
    private readonly HttpClient _client = services.Api.CreateClient();
    private readonly TokenStore _store = services.Api.Services.GetRequiredService<TokenStore>();

    [Fact]
    public async Task UsersLiveSessionsAreListedWithoutTheirTokens()
    {
        var (first, email, password) = await _client.RegisterAndLoginAsync();
        var second = await _client.LoginAsync(email, password);
        var userId = await UserIdAsync(first);

        var sessions = await _store.ListForUserAsync(userId);

        Assert.Equal(2, sessions.Count);
        Assert.All(sessions, s => Assert.Equal(email, s.Email));
        var hasher = new TokenHasherForTests();
        Assert.Equal(new[] { hasher.Hash(first), hasher.Hash(second) }.Order(), sessions.Select(s => s.TokenHash).Order());
    }

    [Fact] // S8
    public async Task RevokingAllOfAUsersSessionsStopsEveryTokenAtOnce()
    {
        var (first, email, password) = await _client.RegisterAndLoginAsync();
        var second = await _client.LoginAsync(email, password);
        var (bystander, _, _) = await _client.RegisterAndLoginAsync();
        var userId = await UserIdAsync(first);

        Assert.Equal(2, await _store.RevokeAllForUserAsync(userId));

        using (var one = await _client.GetMeAsync(first)) Assert.Equal(HttpStatusCode.Unauthorized, one.StatusCode);
        using (var two = await _client.GetMeAsync(second)) Assert.Equal(HttpStatusCode.Unauthorized, two.StatusCode);
        using (var other = await _client.GetMeAsync(bystander)) Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Empty(await _store.ListForUserAsync(userId));
    }

    private async Task<Guid> UserIdAsync(string token)
    {
        using var me = await _client.GetMeAsync(token);
        return Guid.Parse((await me.ReadJsonAsync()).GetProperty("id").GetString()!);
    }
}
