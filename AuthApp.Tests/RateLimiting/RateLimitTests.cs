using System.Net;
using System.Net.Http.Json;
using AuthApp.Tests.Infrastructure;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.RateLimiting;

/// <summary>S12: per-client-address limits on /token, /users and /introspect (and their compatibility paths).</summary>
public sealed class RateLimitTests(TestServices services) : IAsyncDisposable
{
    private readonly ApiFactory _api = services.CreateApi(
        settings =>
        {
            settings["RateLimits:token:PermitLimit"] = "3";
            settings["RateLimits:token:Window"] = "00:10:00";
            settings["RateLimits:register:PermitLimit"] = "2";
            settings["RateLimits:register:Window"] = "00:10:00";
            settings["RateLimits:introspect:PermitLimit"] = "2";
            settings["RateLimits:introspect:Window"] = "00:10:00";
        },
        services: ClientAddressHeader.Register);

    [Fact] // S12
    public async Task FourthLoginInAWindowGets429WithRetryAfterAndAProblemBody()
    {
        using var client = ClientAddressHeader.CreateClient(_api, "192.0.2.10");
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await client.PostTokenAsync(FreshEmail(), "whatever password");
            Assert.Equal(HttpStatusCode.BadRequest, allowed.StatusCode);
        }

        using var limited = await client.PostTokenAsync(FreshEmail(), "whatever password");

        var problem = await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("Retry after", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
    }

    [Fact] // S12
    public async Task TheCompatibilityLoginSharesTheTokenLimit()
    {
        using var client = ClientAddressHeader.CreateClient(_api, "192.0.2.11");
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await client.PostTokenAsync(FreshEmail(), "whatever password", i % 2 == 0 ? "/token" : "/accounts/token");
        }

        using var limited = await client.PostTokenAsync(FreshEmail(), "whatever password", "/accounts/token");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
    }

    [Fact] // S12
    public async Task RegistrationIsLimitedOnBothPaths()
    {
        using var client = ClientAddressHeader.CreateClient(_api, "192.0.2.12");
        using (var first = await client.PostAsJsonAsync("/users", new { email = FreshEmail(), password = FreshPassword() }, Cancel))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using (var second = await client.PostAsJsonAsync("/accounts/", new { email = FreshEmail(), password = FreshPassword() }, Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }

        using var limited = await client.PostAsJsonAsync("/users", new { email = FreshEmail(), password = FreshPassword() }, Cancel);
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited.Headers.RetryAfter);
    }

    [Fact] // S12
    public async Task IntrospectionIsLimited()
    {
        using var client = ClientAddressHeader.CreateClient(_api, "192.0.2.13");
        const string token = "aat_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        using (var one = await client.IntrospectAsync(token)) Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        using (var two = await client.IntrospectAsync(token)) Assert.Equal(HttpStatusCode.OK, two.StatusCode);

        using var limited = await client.IntrospectAsync(token);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
    }

    [Fact] // S12
    public async Task OneAddressOverItsLimitDoesNotBotherAnother()
    {
        using var noisy = ClientAddressHeader.CreateClient(_api, "192.0.2.14");
        using var quiet = ClientAddressHeader.CreateClient(_api, "192.0.2.15");
        for (var i = 0; i < 4; i++)
        {
            using var response = await noisy.PostTokenAsync(FreshEmail(), "whatever password");
        }

        using var fromQuiet = await quiet.PostTokenAsync(FreshEmail(), "whatever password");

        Assert.Equal(HttpStatusCode.BadRequest, fromQuiet.StatusCode);
    }

    [Fact]
    public async Task OtherEndpointsAreNotLimited()
    {
        using var client = ClientAddressHeader.CreateClient(_api, "192.0.2.16");
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetMeAsync(null);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact] // S12
    public async Task ABurstOfSixtyLoginsIsCutOffByTheDefaults()
    {
        await using var api = services.CreateApi(
            settings =>
            {
                settings.Remove("RateLimits:token:PermitLimit");
                settings.Remove("Auth:Lockout:MaxFailedAttemptsPerAddress");
            },
            services: ClientAddressHeader.Register);
        using var client = ClientAddressHeader.CreateClient(api, "192.0.2.17");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 60; i++)
        {
            using var response = await client.PostTokenAsync(FreshEmail(), "whatever password");
            statuses.Add(response.StatusCode);
        }

        Assert.InRange(statuses.Count(s => s == HttpStatusCode.TooManyRequests), 30, 59);
    }

    public ValueTask DisposeAsync() => _api.DisposeAsync();
}
