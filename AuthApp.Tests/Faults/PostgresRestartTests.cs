using AuthApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AuthApp.Tests.Faults;

/// <summary>PostgreSQL restarted under load: sessions keep working from Redis, logins and registrations wait with 503.</summary>
[Collection(nameof(FaultCollection))]
public sealed class PostgresRestartTests(TestServices services)
{
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(10);

    [Fact] // decision 0082: token checks need Redis alone
    public async Task PostgresRestartUnderLoadKeepsTokenChecksAnswering200AndLoginsAnswer503WithRetryAfter()
    {
        var postgres = await PostgresServer.StartAsync();
        await using var _ = postgres;
        var database = await postgres.CreateDatabaseAsync();
        await using (var db = services.CreateDbContext(database)) await db.Database.MigrateAsync(ApiClient.Cancel);
        await using var api = services.CreateApi(settings => settings["ConnectionStrings:authdb"] = database + ";Timeout=3");
        using var setup = api.CreateClient();
        var users = await AccountTraffic.PrepareAsync(setup, 3);
        var load = new AccountTraffic();
        await using var traffic = new Traffic();
        load.Start(traffic, api.CreateClient, users);
        await Poll.UntilAsync(() => traffic.Count("register", o => o.Status == 201) >= 1 && traffic.Count("login", o => o.Status == 200) >= 1,
            TimeSpan.FromSeconds(30), "traffic to flow before the fault");

        await postgres.StopAsync();
        var down = DateTimeOffset.UtcNow;
        await Poll.UntilAsync(
            () => traffic.Count("me", o => o.Started > down) >= 20 && traffic.Count("login", o => o.Started > down) >= 2
                && traffic.Count("register", o => o.Started > down) >= 2,
            TimeSpan.FromSeconds(90), "requests while PostgreSQL is down"); // a sampling window on a shared machine, not a bound
        var up = DateTimeOffset.UtcNow;
        await postgres.StartAgainAsync();
        var restarted = DateTimeOffset.UtcNow;
        var recovery = await Poll.UntilAsync(
            () => traffic.Count("login", o => o.Started > restarted && o.Status == 200) > 0
                && traffic.Count("register", o => o.Started > restarted && o.Status == 201) > 0,
            RecoveryBound, "logins and registrations to succeed after the restart");
        await traffic.StopAsync();

        var all = traffic.Outcomes;
        Traffic.AssertNoServerError(all, api.Logs);
        Assert.DoesNotContain(all, o => o.Status == 401);
        var whileDown = traffic.Within(down, up).ToList();
        var checks = whileDown.Where(o => o.Operation is "me" or "introspect").ToList();
        var writes = whileDown.Where(o => o.Operation is "login" or "register").ToList();
        Assert.True(checks.Count > 0 && checks.All(o => o.Status == 200), Traffic.Describe(checks));
        Assert.True(writes.Count > 0 && writes.All(o => o.Status == 503 && o.HasRetryAfter), Traffic.Describe(writes));
        Assert.All(all.Where(o => o.Status == 503), o => Assert.True(o.HasRetryAfter, $"{o.Operation} 503 without Retry-After"));
        TestContext.Current.TestOutputHelper?.WriteLine($"PostgreSQL restart: recovered in {recovery.TotalSeconds:0.0} s; {Traffic.Describe(all)}");

        Assert.Equal(System.Net.HttpStatusCode.OK, await setup.MeStatusAsync(users[0].Access));
        var (access, _) = await setup.RefreshPairAsync(users[1].Refresh);
        Assert.Equal(System.Net.HttpStatusCode.OK, await setup.MeStatusAsync(access));
        await load.AssertEveryAccountSurvivesAsync(services, database, users);
    }
}
