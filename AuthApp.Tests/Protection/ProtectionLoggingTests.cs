using AuthApp.Tests.Infrastructure;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Protection;

/// <summary>S17 for the issue-5 flows: refresh, reuse, lockout, password change and logout leave no secret in the logs.</summary>
public sealed class ProtectionLoggingTests(TestServices services)
{
    [Fact] // S17
    public async Task NoRefreshTokenPasswordOrHashIsLoggedByTheProtectionFlows()
    {
        await using var api = services.CreateApi();
        using var client = api.CreateClient();
        var (email, password, _) = await client.RegisterAsync();
        var (access, refresh) = await client.LoginPairAsync(email, password);
        var (access2, refresh2) = await client.RefreshPairAsync(refresh);
        using (await client.RefreshAsync(refresh)) { }
        for (var i = 0; i < 5; i++)
        {
            using var failed = await client.PostTokenAsync(email, "a wrong password here");
        }

        await services.RedisClient.GetDatabase().KeyDeleteAsync(Api.Features.Protection.LoginThrottle.AccountKey(email.ToLowerInvariant()));
        var (access3, refresh3) = await client.LoginPairAsync(email, password);
        var newPassword = FreshPassword();
        using (await client.SendAsBearerAsync(HttpMethod.Post, "/users/me/password", access3, new { currentPassword = password, newPassword })) { }
        using (await client.SendAsBearerAsync(HttpMethod.Post, "/users/me/sessions/revoke", access3)) { }

        var everything = string.Join('\n', api.Logs.Lines.Select(l => l.Everything));
        var hasher = new TokenHasherForTests();
        Assert.Contains("Reuse of a rotated refresh token", everything, StringComparison.Ordinal);
        foreach (var token in new[] { access, refresh, access2, refresh2, access3, refresh3 })
        {
            Assert.DoesNotContain(token[4..], everything, StringComparison.Ordinal);
            Assert.DoesNotContain(hasher.Hash(token), everything, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(password, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(newPassword, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("a wrong password here", everything, StringComparison.Ordinal);
    }
}
