using System.Net;
using AuthApp.Hosting.Runtime;
using AuthApp.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
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
        var states = fixture.App.ResourceNotifications.Current;
        foreach (var name in new[] { "postgres", "authdb", "redis", "api", "web" })
        {
            Assert.Equal(KnownResourceStates.Running, states[name].State);
            Assert.Equal(HealthStatus.Healthy, states[name].HealthStatus);
        }

        Assert.Equal(KnownResourceStates.Finished, states["migrations"].State);
        Assert.Equal(0, states["migrations"].ExitCode);
    }

    [Fact]
    public async Task RegisteredUserGetsATokenThatTheRunningApiAccepts()
    {
        using var api = fixture.App.CreateHttpClient("api");
        var email = ApiClient.NewEmail();

        await ApiClient.RegisterAsync(api, email);
        var token = await ApiClient.TokenAsync(api, email);

        Assert.Equal(email, await ApiClient.MyEmailAsync(api, token));
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
        var reference = fixture.App.ResourceNotifications.Current["api"].Urls.Single(u => u.Name == "API reference");

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
    public void ApiProcessReceivedTheAspireEnvironment()
    {
        var environment = fixture.App.ResourceNotifications.Current["api"].Environment.ToDictionary(v => v.Name);
        var api = fixture.App.GetEndpoint("api");

        Assert.Equal($"http://localhost:{api.Port}", environment["ASPNETCORE_URLS"].Value);
        Assert.Equal("api", environment["OTEL_SERVICE_NAME"].Value);
        Assert.StartsWith("Host=localhost;Port=", environment["ConnectionStrings__authdb"].Value, StringComparison.Ordinal);
        Assert.EndsWith(";Database=authdb", environment["ConnectionStrings__authdb"].Value, StringComparison.Ordinal);
        Assert.True(environment["ConnectionStrings__authdb"].IsSecret);
        Assert.True(environment["Auth__TokenHashKey"].IsSecret);
        Assert.Equal($"http://localhost:{api.Port}", fixture.App.ResourceNotifications.Current["web"].Environment.Single(v => v.Name == "services__api__http__0").Value);
    }

    [Fact]
    public async Task CrashedProjectIsReportedWithItsExitCodeWhileTheOthersKeepRunningAndItCanBeStartedAgain()
    {
        var app = fixture.App;
        var commands = app.Services.GetRequiredService<IResourceCommandService>();
        var pid = app.ResourceNotifications.Current["web"].ProcessId!.Value;
        ResourceSnapshot restarted;
        try
        {
            Assert.True(UnixKill(pid));
            var crashed = await app.WaitForStateAsync("web", s => s.State == KnownResourceStates.Exited);

            Assert.Equal(137, crashed.ExitCode);
            Assert.Contains(fixture.Logs.Messages, m => m.Contains("web exited unexpectedly with code 137", StringComparison.Ordinal));
            Assert.Equal(HealthStatus.Healthy, app.ResourceNotifications.Current["api"].HealthStatus);
            using var api = app.CreateHttpClient("api");
            using var health = await api.GetAsync(new Uri("/health", UriKind.Relative), Cancel);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
        finally
        {
            // The other tests of the collection share this application: bring the Web site back.
            await commands.StartAsync("web", Cancel);
            restarted = await app.WaitForStateAsync("web", s => s.State == KnownResourceStates.Running && s.HealthStatus == HealthStatus.Healthy);
        }

        Assert.NotEqual(pid, restarted.ProcessId);
    }

    [Fact]
    public async Task StoppedRedisTurnsTheApiUnhealthyAndBothRecoverWhenRedisStartsAgain()
    {
        var app = fixture.App;
        var commands = app.Services.GetRequiredService<IResourceCommandService>();
        try
        {
            await commands.StopAsync("redis", Cancel);

            Assert.Equal(KnownResourceStates.Exited, app.ResourceNotifications.Current["redis"].State);
            await app.WaitForStateAsync("api", s => s.HealthStatus == HealthStatus.Unhealthy);
            Assert.Equal(KnownResourceStates.Running, app.ResourceNotifications.Current["api"].State);
        }
        finally
        {
            await commands.StartAsync("redis", Cancel);
        }

        await app.ResourceNotifications.WaitForResourceHealthyAsync("redis", Cancel);
        await app.WaitForStateAsync("api", s => s.HealthStatus == HealthStatus.Healthy);
    }

    [Fact]
    public async Task ServerThatShutsDownByItselfIsReportedAsExitedEvenWithExitCodeZero()
    {
        var app = fixture.App;
        var pid = app.ResourceNotifications.Current["redis"].ProcessId!.Value;
        try
        {
            Assert.True(UnixKill(pid, "TERM")); // Redis saves and exits 0 on SIGTERM.
            var exited = await app.WaitForStateAsync("redis", s => s.State is KnownResourceStates.Exited or KnownResourceStates.Finished);

            Assert.Equal(KnownResourceStates.Exited, exited.State);
            Assert.Equal(0, exited.ExitCode);
            Assert.Contains(fixture.Logs.Messages, m => m.Contains("redis exited unexpectedly with code 0", StringComparison.Ordinal));
        }
        finally
        {
            await app.Services.GetRequiredService<IResourceCommandService>().StartAsync("redis", Cancel);
        }

        await app.ResourceNotifications.WaitForResourceHealthyAsync("redis", Cancel);
        await app.WaitForStateAsync("api", s => s.HealthStatus == HealthStatus.Healthy);
    }

    private static bool UnixKill(int pid, string signal = "KILL")
    {
        using var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", $"{pid}"]);
        kill.WaitForExit();
        return kill.ExitCode == 0;
    }
}
