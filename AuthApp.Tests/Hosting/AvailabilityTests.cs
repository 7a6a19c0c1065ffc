using System.Net;
using AuthApp.Tests.Infrastructure;
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

        using var login = await client.PostTokenAsync(FreshEmail(), FreshPassword());
        await login.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
    }
}
