using System.Net;
using AuthApp.Tests.Admin;
using AuthApp.Tests.Infrastructure;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Tokens;

/// <summary>
/// Decision 0082: token checks read Redis alone, so an account change racing a login or a refresh must never leave a
/// session behind that carries the account as it was. Real PostgreSQL and Redis, real concurrency, no timing asserts.
/// </summary>
public sealed class AccountChangeRaceTests(TestServices services)
{
    private const int Racers = 12;

    private readonly HttpClient _client = services.Api.CreateClient();

    [Fact] // S8
    public async Task ADisableRacingLoginsLeavesNoLiveSession()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (_, id, email, password) = await _client.CreateUserAsync();

        var logins = Enumerable.Range(0, Racers).Select(_ => Task.Run(() => TryLoginAsync(email, password), Cancel)).ToList();
        using (var disable = await _client.SendAsync(HttpMethod.Post, $"/admin/users/{id}/disable", admin)) Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        var issued = (await Task.WhenAll(logins)).OfType<string>().ToList();

        foreach (var token in issued) Assert.Equal(HttpStatusCode.Unauthorized, await _client.MeStatusAsync(token));
        using var sessions = await _client.SendAsync(HttpMethod.Get, $"/admin/users/{id}/sessions", admin);
        Assert.Empty((await sessions.ReadJsonAsync()).EnumerateArray());
    }

    [Fact] // S14
    public async Task ARoleChangeRacingLoginsLeavesNoSessionWithTheOldRoles()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (_, id, email, password) = await _client.CreateUserAsync();

        var logins = Enumerable.Range(0, Racers).Select(_ => Task.Run(() => TryLoginAsync(email, password), Cancel)).ToList();
        using (var promote = await _client.SendAsync(HttpMethod.Patch, $"/admin/users/{id}", admin, new { roles = new[] { "support" } })) Assert.Equal(HttpStatusCode.OK, promote.StatusCode);
        var issued = (await Task.WhenAll(logins)).OfType<string>().ToList();

        // Every session that survived the change must carry the new roles: a login that read the old row is refused.
        foreach (var token in issued)
        {
            using var introspection = await _client.IntrospectAsync(token);
            var body = await introspection.ReadJsonAsync();
            if (body.GetProperty("active").GetBoolean()) Assert.Equal("support", body.GetProperty("scope").GetString());
        }
    }

    [Fact] // S8
    public async Task ARefreshRacingADisableLeavesNoLiveToken()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (_, id, email, password) = await _client.CreateUserAsync();
        var pairs = new List<(string Access, string Refresh)>();
        for (var i = 0; i < 4; i++) pairs.Add(await _client.LoginPairAsync(email, password));

        var refreshes = pairs.Select(pair => Task.Run(() => RefreshChainAsync(pair.Refresh), Cancel)).ToList();
        using (var disable = await _client.SendAsync(HttpMethod.Post, $"/admin/users/{id}/disable", admin)) Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        var minted = (await Task.WhenAll(refreshes)).SelectMany(tokens => tokens).ToList();

        foreach (var access in minted.Where(t => t.StartsWith("aat_", StringComparison.Ordinal)).Concat(pairs.Select(p => p.Access)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await _client.MeStatusAsync(access));
        }

        foreach (var refresh in minted.Where(t => t.StartsWith("art_", StringComparison.Ordinal)))
        {
            using var refreshed = await _client.RefreshAsync(refresh);
            Assert.Equal(HttpStatusCode.BadRequest, refreshed.StatusCode);
        }
    }

    [Fact]
    public async Task ADisplayNameChangeRacingRefreshesReachesEverySession()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (_, id, email, password) = await _client.CreateUserAsync();
        var pairs = new List<(string Access, string Refresh)>();
        for (var i = 0; i < 4; i++) pairs.Add(await _client.LoginPairAsync(email, password));

        var refreshes = pairs.Select(pair => Task.Run(() => RefreshChainAsync(pair.Refresh), Cancel)).ToList();
        using (var rename = await _client.SendAsync(HttpMethod.Patch, $"/admin/users/{id}", admin, new { displayName = "Ada Lovelace" })) Assert.Equal(HttpStatusCode.OK, rename.StatusCode);
        var chains = await Task.WhenAll(refreshes);

        // The newest refresh token of each chain is live; refreshing once more must show the new name.
        foreach (var last in chains.Select(chain => chain.LastOrDefault(t => t.StartsWith("art_", StringComparison.Ordinal))).OfType<string>())
        {
            var (access, _) = await _client.RefreshPairAsync(last);
            using var me = await _client.GetMeAsync(access);
            Assert.Equal("Ada Lovelace", (await me.ReadJsonAsync()).GetProperty("displayName").GetString());
        }
    }

    [Fact]
    public async Task ADisplayNameChangeShowsOnTheNextRequestWithoutANewLogin()
    {
        var (admin, _, _) = await _client.CreateAdminAsync(() => services.CreateDbContext());
        var (token, id, _, _) = await _client.CreateUserAsync();

        using (var rename = await _client.SendAsync(HttpMethod.Patch, $"/admin/users/{id}", admin, new { displayName = "Grace Hopper" })) Assert.Equal(HttpStatusCode.OK, rename.StatusCode);

        using var me = await _client.GetMeAsync(token);
        Assert.Equal("Grace Hopper", (await me.ReadJsonAsync()).GetProperty("displayName").GetString());
    }

    private async Task<string?> TryLoginAsync(string email, string password)
    {
        using var response = await _client.PostTokenAsync(email, password);
        return response.StatusCode == HttpStatusCode.OK ? (await response.ReadJsonAsync()).GetProperty("access_token").GetString() : null;
    }

    /// <summary>Refreshes along one chain until refused; answers every token it was given.</summary>
    private async Task<List<string>> RefreshChainAsync(string refresh)
    {
        var minted = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await _client.RefreshAsync(refresh);
            if (response.StatusCode != HttpStatusCode.OK) break;
            var body = await response.ReadJsonAsync();
            minted.Add(body.GetProperty("access_token").GetString()!);
            refresh = body.GetProperty("refresh_token").GetString()!;
            minted.Add(refresh);
        }

        return minted;
    }
}
