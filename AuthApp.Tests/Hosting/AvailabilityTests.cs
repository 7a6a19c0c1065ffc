using System.Net;
using AuthApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Hosting;

/// <summary>S11: token checks fail closed; a missing store makes the API unready, never wrong.</summary>
public sealed class AvailabilityTests(TestServices services)
{
    [Fact]
    public async Task HealthIsHealthyWhenPostgresAndRedisAnswer()
    {
        using var client = services.Api.CreateClient();

        using var response = await client.GetAsync("/health", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact] // S11
    public async Task RedisDownMakesTokenChecksAnswer503NeverValid()
    {
        var redis = await RedisServer.StartAsync();
        await using var api = services.CreateApi(settings => settings["ConnectionStrings:redis"] = redis.ConnectionString);
        using var client = api.CreateClient();
        var (token, email, password) = await client.RegisterAndLoginAsync();

        await redis.DisposeAsync();

        using var me = await client.GetMeAsync(token);
        var problem = await me.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Contains("Token", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.NotNull(me.Headers.RetryAfter);
        Assert.DoesNotContain(redis.Password, problem.GetRawText(), StringComparison.Ordinal);

        using var introspect = await client.IntrospectAsync(token);
        await introspect.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);

        using var login = await client.PostTokenAsync(email, password);
        await login.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);

        using var health = await client.GetAsync("/health", Cancel);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
    }

    [Fact]
    public async Task PostgresDownMakesHealthUnhealthyAndRequestsAnswer503()
    {
        var deadPort = ProcessRunner.FreePort();
        await using var api = services.CreateApi(settings =>
            settings["ConnectionStrings:authdb"] = $"Host=127.0.0.1;Port={deadPort};Username=postgres;Password=hunter2-secret;Database=authdb;Timeout=3");
        using var client = api.CreateClient();

        using var health = await client.GetAsync("/health", Cancel);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("Unhealthy", await health.Content.ReadAsStringAsync(Cancel));

        using var alive = await client.GetAsync("/alive", Cancel);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);

        using var register = await client.PostAsync("/users", System.Net.Http.Json.JsonContent.Create(new { email = FreshEmail(), password = FreshPassword() }), Cancel);
        var problem = await register.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.DoesNotContain("hunter2", problem.GetRawText(), StringComparison.Ordinal);
        Assert.NotNull(register.Headers.RetryAfter);

        using var login = await client.PostTokenAsync(FreshEmail(), FreshPassword());
        await login.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(login.Headers.RetryAfter);
    }

    [Fact] // decision 0082: token checks need Redis alone
    public async Task PostgresDownLeavesLiveSessionsWorkingWhileLoginsAnswer503WithRetryAfter()
    {
        var postgres = await PostgresServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync();
        await using (var db = services.CreateDbContext(database)) await db.Database.MigrateAsync(Cancel);
        await using var api = services.CreateApi(settings => settings["ConnectionStrings:authdb"] = database + ";Timeout=3");
        using var client = api.CreateClient();
        var (email, password, _) = await client.RegisterAsync();
        var (access, _) = await client.LoginPairAsync(email, password);

        await postgres.DisposeAsync();

        using var me = await client.GetMeAsync(access);
        using var legacyMe = await client.GetMeAsync(access, "/accounts/me");
        using var introspection = await client.IntrospectAsync(access);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(email, (await me.ReadJsonAsync()).GetProperty("email").GetString());
        Assert.Equal(HttpStatusCode.OK, legacyMe.StatusCode);
        Assert.True((await introspection.ReadJsonAsync()).GetProperty("active").GetBoolean());

        using var login = await client.PostTokenAsync(email, password);
        await login.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(login.Headers.RetryAfter);
        using var register = await client.PostAsync("/users", System.Net.Http.Json.JsonContent.Create(new { email = FreshEmail(), password = FreshPassword() }), Cancel);
        await register.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(register.Headers.RetryAfter);
    }
}
