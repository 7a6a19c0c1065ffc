using AuthApp.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace AuthApp.Tests.Protection;

/// <summary>The issue-5 settings are validated at startup; a bad one stops the API naming its key.</summary>
public sealed class ProtectionSettingsTests(TestServices services)
{
    [Theory]
    [InlineData("Auth:RefreshTokenLifetime", "00:00:30", "Auth:RefreshTokenLifetime must be")]
    [InlineData("Auth:Lockout:MaxFailedAttempts", "0", "Auth:Lockout:MaxFailedAttempts must be at least 1")]
    [InlineData("Auth:Lockout:MaxFailedAttemptsPerAddress", "0", "Auth:Lockout:MaxFailedAttemptsPerAddress must be at least 1")]
    [InlineData("Auth:Lockout:Window", "00:00:00", "Auth:Lockout:Window must be")]
    [InlineData("Auth:Lockout:GrowthFactor", "0.5", "Auth:Lockout:GrowthFactor must be")]
    [InlineData("Auth:Lockout:MaxLockout", "00:00:10", "Auth:Lockout:MaxLockout must not be shorter")]
    [InlineData("RateLimits:token:PermitLimit", "0", "RateLimits:token:PermitLimit must be at least 1")]
    [InlineData("RateLimits:register:Window", "00:00:00", "RateLimits:register:Window must be")]
    [InlineData("RateLimits:introspect:PermitLimit", "-3", "RateLimits:introspect:PermitLimit must be at least 1")]
    [InlineData("Overload:MaxConcurrentRequests", "0", "Overload:MaxConcurrentRequests must be between 1 and 100000")]
    [InlineData("Overload:QueueLimit", "-1", "Overload:QueueLimit must be between 0 and 100000")]
    [InlineData("Overload:RetryAfter", "00:00:00", "Overload:RetryAfter must be")]
    public async Task BadProtectionSettingStopsStartupNamingTheKey(string key, string value, string expected)
    {
        await using var api = services.CreateApi(settings => settings[key] = value);

        Assert.ThrowsAny<Exception>(() => api.CreateClient());

        var problem = Assert.Single(api.Logs.Lines, line => line.Level == LogLevel.Critical).Message;
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfiguredLockoutSettingsAreUsed()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var api = services.CreateApi(
            settings =>
            {
                settings["Auth:Lockout:MaxFailedAttempts"] = "2";
                settings["Auth:Lockout:BaseLockout"] = "00:00:10";
            },
            clock);
        using var client = api.CreateClient();
        var (email, password, _) = await client.RegisterAsync();
        for (var i = 0; i < 2; i++)
        {
            using var failed = await client.PostTokenAsync(email, "not the password at all");
        }

        using (var locked = await client.PostTokenAsync(email, password)) Assert.Equal(System.Net.HttpStatusCode.BadRequest, locked.StatusCode);
        clock.Advance(TimeSpan.FromSeconds(10));
        await client.LoginAsync(email, password);
    }
}
