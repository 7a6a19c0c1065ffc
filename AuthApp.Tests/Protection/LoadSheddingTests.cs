using System.Net;
using System.Threading.RateLimiting;
using AuthApp.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Protection;

/// <summary>Issue 11: at its concurrency limit the API sheds at once with 503 and Retry-After; probes stay answered.</summary>
public sealed class LoadSheddingTests(TestServices services)
{
    private static readonly string UnknownToken = "aat_" + new string('A', 43);

    [Fact]
    public async Task AtTheLimitARequestIsShedWith503AndRetryAfterWhileProbesAnswerAndTheSlotReturns()
    {
        await using var api = services.CreateApi(settings =>
        {
            settings["Overload:MaxConcurrentRequests"] = "2";
            settings["Overload:QueueLimit"] = "0";
            settings["Overload:RetryAfter"] = "00:00:02";
        });
        using var client = api.CreateClient();
        using (var warm = await client.GetMeAsync(UnknownToken)) Assert.Equal(HttpStatusCode.Unauthorized, warm.StatusCode);

        // Both slots taken, as two requests in progress would hold them (the API's own limiter).
        var limiter = api.Services.GetRequiredService<ConcurrencyLimiter>();
        var busy = new[] { limiter.AttemptAcquire(), limiter.AttemptAcquire() };
        Assert.All(busy, lease => Assert.True(lease.IsAcquired));
        HttpResponseMessage shed, alive, health;
        try
        {
            shed = await client.GetMeAsync(UnknownToken);
            alive = await client.GetAsync("/alive", Cancel);
            health = await client.GetAsync("/health", Cancel);
        }
        finally
        {
            foreach (var lease in busy) lease.Dispose();
        }

        using (shed)
        using (alive)
        using (health)
        {
            var problem = await shed.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal("Overloaded", problem.GetProperty("title").GetString());
            Assert.Equal(TimeSpan.FromSeconds(2), shed.Headers.RetryAfter?.Delta);
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        using var after = await client.GetMeAsync(UnknownToken);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }
}
