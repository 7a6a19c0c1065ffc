using AuthApp.Tests.Infrastructure;
using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using StackExchange.Redis;

namespace AuthApp.Tests.AppHost;

/// <summary>The whole system started through the AppHost's own model: real servers, real project processes.</summary>
[Collection(nameof(AppHostCollection))]
public sealed class WholeSystemTests(AppHostFixture fixture)
{
    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void EveryResourceIsHealthyAndTheMigrationsFinishedWithCodeZero()
    {
        foreach (var name in new[] { "postgres", "authdb", "redis", "api", "web" })
        {
            Assert.Equal(KnownResourceStates.Running, fixture.App.Current(name).State);
            Assert.Equal(HealthStatus.Healthy, fixture.App.Current(name).HealthStatus);
        }

        Assert.Equal(KnownResourceStates.Finished, fixture.App.Current("migrations").State);
        Assert.Equal(0, fixture.App.Current("migrations").ExitCode);
    }

    [Fact]
    public async Task RegisteredUserGetsATokenThatTheRunningApiAccepts()
    {
        using var api = fixture.App.CreateHttpClient("api");
        var (email, password, _) = await api.RegisterAsync();
        var token = await api.LoginAsync(email, password);

        using var me = await api.GetMeAsync(token);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(email, (await me.ReadJsonAsync()).GetProperty("email").GetString());
    }

    [Fact]
    public async Task WebSiteAnswersItsHealthCheckAndItsHomePage()
    {
        using var web = fixture.App.CreateHttpClient("web");

        using var health = await web.GetAsync(new Uri("/health", UriKind.Relative), Cancel);
        var home = await web.GetStringAsync(new Uri("/", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("AuthApp admin", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiReferencePageIsListedWithTheApiAndAnswers()
    {
        var api = fixture.App.GetEndpoint("api");
        var reference = fixture.App.Current("api").Urls.Single(u => u.DisplayProperties.DisplayName == "API reference");

        using var client = new HttpClient();
        using var response = await client.GetAsync(new Uri(reference.Url), Cancel);

        Assert.Equal(new Uri(api, "/scalar/v1").ToString(), reference.Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ConnectionStringOfAuthdbReachesTheDatabaseTheAppHostCreated()
    {
        var connectionString = await fixture.App.GetConnectionStringAsync("authdb", Cancel);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand("SELECT current_database()", connection);

        Assert.Equal("authdb", await command.ExecuteScalarAsync(Cancel));
    }

    [Fact]
    public async Task RedisAcceptsOnlyItsPassword()
    {
        var connectionString = await fixture.App.GetConnectionStringAsync("redis", Cancel);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(connectionString!);
        var key = $"e2e:{Guid.NewGuid():N}";
        await redis.GetDatabase().StringSetAsync(key, "kept", TimeSpan.FromMinutes(1));
        Assert.Equal("kept", (string?)await redis.GetDatabase().StringGetAsync(key));

        var withoutPassword = ConfigurationOptions.Parse(connectionString!);
        withoutPassword.Password = null;
        withoutPassword.AbortOnConnectFail = false;
        withoutPassword.ConnectTimeout = 2000;
        await using var anonymous = await ConnectionMultiplexer.ConnectAsync(withoutPassword);
        await Assert.ThrowsAnyAsync<RedisException>(() => anonymous.GetDatabase().PingAsync());
    }

    [Fact]
    public async Task RedisPersistsEveryWriteToItsAppendOnlyFileAndTakesNoSnapshots()
    {
        var options = ConfigurationOptions.Parse((await fixture.App.GetConnectionStringAsync("redis", Cancel))!);
        options.AllowAdmin = true;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        var server = redis.GetServers()[0];

        // Decision 0101: the append-only file alone; RDB save points would fork the server every minute under writes.
        var settings = (await server.ConfigGetAsync("*")).ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("yes", settings["appendonly"]);
        Assert.Equal("everysec", settings["appendfsync"]);
        Assert.Equal("", settings["save"]);
    }

    [Fact]
    public void ApiProcessReceivedTheAspireEnvironment()
    {
        var environment = fixture.App.Current("api").Environment;
        var api = fixture.App.GetEndpoint("api");

        Assert.StartsWith("http://localhost:", environment["ASPNETCORE_URLS"], StringComparison.Ordinal);
        Assert.Equal("api", environment["OTEL_SERVICE_NAME"]);
        Assert.StartsWith("Host=localhost;Port=", environment["ConnectionStrings__authdb"], StringComparison.Ordinal);
        Assert.EndsWith(";Database=authdb", environment["ConnectionStrings__authdb"], StringComparison.Ordinal);
        Assert.Contains(",password=", environment["ConnectionStrings__redis"], StringComparison.Ordinal);
        Assert.Equal(api.ToString().TrimEnd('/'), fixture.App.Current("web").Environment["services__api__http__0"]);
    }

    [Fact]
    public async Task CrashedProjectIsReportedWithItsExitCodeWhileTheOthersKeepRunningAndItCanBeStartedAgain()
    {
        var app = fixture.App;
        // DCP runs projects through `dotnet run`: the crash takes the site's own process and its launcher.
        var pid = app.Current("web").ProcessId!.Value;
        ResourceSnapshotView restarted;
        try
        {
            Assert.All(ProcessTree.WithDescendants(pid).Reverse(), p => Assert.True(UnixKill(p)));
            // DCP reports a killed process as stopped (Finished or Exited) with a non-zero exit code.
            var crashed = await app.WaitForStateAsync("web", s => KnownResourceStates.TerminalStates.Contains(s.State));

            Assert.NotEqual(0, crashed.ExitCode);
            Assert.Equal(HealthStatus.Healthy, app.Current("api").HealthStatus);
            using var api = app.CreateHttpClient("api");
            using var health = await api.GetAsync(new Uri("/health", UriKind.Relative), Cancel);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
        finally
        {
            // The other tests of the collection share this application: bring the Web site back.
            await app.CommandAsync("web", KnownResourceCommands.StartCommand);
            restarted = await app.WaitForStateAsync("web", s => s.State == KnownResourceStates.Running && s.HealthStatus == HealthStatus.Healthy);
        }

        Assert.NotEqual(pid, restarted.ProcessId);
    }

    [Fact]
    public async Task StoppedRedisTurnsTheApiUnhealthyAndBothRecoverWhenRedisStartsAgain()
    {
        var app = fixture.App;
        try
        {
            await app.CommandAsync("redis", KnownResourceCommands.StopCommand);

            await app.WaitForStateAsync("redis", s => KnownResourceStates.TerminalStates.Contains(s.State));
            await app.WaitForStateAsync("api", s => s.HealthStatus == HealthStatus.Unhealthy);
            Assert.Equal(KnownResourceStates.Running, app.Current("api").State);
        }
        finally
        {
            await app.CommandAsync("redis", KnownResourceCommands.StartCommand);
        }

        await app.ResourceNotifications.WaitForResourceHealthyAsync("redis", Cancel);
        await app.WaitForStateAsync("api", s => s.HealthStatus == HealthStatus.Healthy);
    }

    [Fact]
    public async Task ServerThatShutsDownByItselfIsReportedStoppedAndStartsAgainWithItsData()
    {
        var app = fixture.App;
        var redisConnection = await app.GetConnectionStringAsync("redis", Cancel);
        var key = $"e2e:aof:{Guid.NewGuid():N}";
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(redisConnection!))
        {
            await redis.GetDatabase().StringSetAsync(key, "survives", TimeSpan.FromMinutes(5));
        }

        var pid = app.Current("redis").ProcessId!.Value;
        try
        {
            Assert.True(UnixKill(pid, "TERM")); // Redis saves and exits 0 on SIGTERM.
            var stopped = await app.WaitForStateAsync("redis", s => KnownResourceStates.TerminalStates.Contains(s.State));

            Assert.Equal(0, stopped.ExitCode);
        }
        finally
        {
            await app.CommandAsync("redis", KnownResourceCommands.StartCommand);
        }

        await app.ResourceNotifications.WaitForResourceHealthyAsync("redis", Cancel);
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(redisConnection!))
        {
            // Append-only persistence in the state directory: the key written before the stop is still there.
            Assert.Equal("survives", (string?)await redis.GetDatabase().StringGetAsync(key));
        }

        await app.WaitForStateAsync("api", s => s.HealthStatus == HealthStatus.Healthy);
    }

    private static bool UnixKill(int pid, string signal = "KILL")
    {
        using var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", $"{pid}"]);
        kill.WaitForExit();
        return kill.ExitCode == 0;
    }
}
