using AuthApp.Tests.Infrastructure;

namespace AuthApp.Tests.Faults;

/// <summary>Redis restarted under load: fail closed while it is down, recover, lose no session or account.</summary>
[Collection(nameof(FaultCollection))]
public sealed class RedisRestartTests(TestServices services)
{
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(10);

    [Fact] // S11
    public async Task RedisRestartUnderLoadAnswers503WhileDownThenRecoversWithSessionsAndAccountsIntact()
    {
        await using var redis = await RestartableRedis.StartAsync();
        await using var api = services.CreateApi(settings => settings["ConnectionStrings:redis"] = redis.ConnectionString);
        using var setup = api.CreateClient();
        var users = await AccountTraffic.PrepareAsync(setup, 3);
        var load = new AccountTraffic();
        await using var traffic = new Traffic();
        load.Start(traffic, api.CreateClient, users);
        await Poll.UntilAsync(() => traffic.Count("me", o => o.Status == 200) >= 20 && traffic.Count("login", o => o.Status == 200) >= 1,
            TimeSpan.FromSeconds(30), "traffic to flow before the fault");

        await redis.StopAsync();
        var down = DateTimeOffset.UtcNow;
        await Poll.UntilAsync(
            () => traffic.Count("me", o => o.Started > down) >= 20 && traffic.Count("introspect", o => o.Started > down) >= 5
                && traffic.Count("login", o => o.Started > down) >= 2,
            // A sampling window, not a bound on anything: with Redis away each check waits out the client's timeout, and
            // the whole suite shares the two cores.
            TimeSpan.FromSeconds(90), "requests while Redis is down");
        var up = DateTimeOffset.UtcNow;
        await redis.StartAgainAsync();
        var restarted = DateTimeOffset.UtcNow;
        var recovery = await Poll.UntilAsync(
            () => traffic.Count("me", o => o.Started > restarted && o.Status == 200) > 0
                && traffic.Count("introspect", o => o.Started > restarted && o.Status == 200) > 0
                && traffic.Count("login", o => o.Started > restarted && o.Status == 200) > 0,
            RecoveryBound, "token checks and logins to succeed after the restart");
        await traffic.StopAsync();

        var all = traffic.Outcomes;
        Traffic.AssertNoServerError(all, api.Logs);
        // Every token in the mix is live: a 401 would be a false "invalid" given while the store was unreachable.
        Assert.DoesNotContain(all, o => o.Status == 401);
        var whileDown = traffic.Within(down, up).Where(o => o.Operation is "me" or "introspect" or "login").ToList();
        Assert.True(whileDown.All(o => o.Status == 503), Traffic.Describe(whileDown));
        Assert.All(all.Where(o => o.Status == 503), o => Assert.True(o.HasRetryAfter, $"{o.Operation} 503 without Retry-After"));
        TestContext.Current.TestOutputHelper?.WriteLine($"Redis restart: recovered in {recovery.TotalSeconds:0.0} s; {Traffic.Describe(all)}");

        // The append-only file kept every session: the login from before the fault goes on, and its refresh token rotates.
        Assert.Equal(System.Net.HttpStatusCode.OK, await setup.MeStatusAsync(users[0].Access));
        var (access, _) = await setup.RefreshPairAsync(users[1].Refresh);
        Assert.Equal(System.Net.HttpStatusCode.OK, await setup.MeStatusAsync(access));
        await load.AssertEveryAccountSurvivesAsync(services, services.DatabaseConnectionString, users);
    }
}
