using System.Net;
using System.Net.Sockets;
using AuthApp.Tests.Infrastructure;

namespace AuthApp.Tests.Hosting;

/// <summary>The API as a process: values that do not parse, out-of-range values and a taken port end cleanly.</summary>
public sealed class TypedSettingsTests
{
    [Fact] // S17: no value is echoed, secret or not
    public async Task ValuesThatDoNotParseEndWithOneLinePerKeyNamingTheExpectedKindAndExitCodeOne()
    {
        var result = await ApiProcess.RunAsync([], WellFormedSettings(new()
        {
            ["Auth__AccessTokenLifetime"] = "abc",
            ["Auth__Password__MinLength"] = "abc",
            ["Auth__Lockout__GrowthFactor"] = "twice",
            ["RateLimits__token__PermitLimit"] = "lots",
        }));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Startup stopped: Auth:AccessTokenLifetime does not parse: the value is not a TimeSpan such as 00:15:00", result.Output, StringComparison.Ordinal);
        Assert.Contains("Startup stopped: Auth:Password:MinLength does not parse: the value is not a whole number", result.Output, StringComparison.Ordinal);
        Assert.Contains("Startup stopped: Auth:Lockout:GrowthFactor does not parse: the value is not a number", result.Output, StringComparison.Ordinal);
        Assert.Contains("Startup stopped: RateLimits:token:PermitLimit does not parse", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("lots", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("twice", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutOfRangeValueEndsWithItsRuleAndExitCodeOne()
    {
        var result = await ApiProcess.RunAsync([], WellFormedSettings(new() { ["Auth__Password__MinLength"] = "7" }));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Startup stopped: Auth:Password:MinLength must be between 8 and 128", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TakenFixedPortEndsWithAClearLineAndNoStackTrace()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var result = await ApiProcess.RunAsync([], WellFormedSettings(new() { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" }));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Startup stopped: urls: port {port} (http://127.0.0.1:{port}) is in use by another process", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }

    /// <summary>Settings that pass every check without a server behind them: startup stops before connecting.</summary>
    private static Dictionary<string, string> WellFormedSettings(Dictionary<string, string> more)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__authdb"] = "Host=127.0.0.1;Port=1;Username=postgres;Password=unused-password;Database=authdb",
            ["ConnectionStrings__redis"] = "127.0.0.1:1,password=unused",
            ["Auth__TokenHashKey"] = Convert.ToBase64String(new byte[32]),
        };
        foreach (var (key, value) in more) settings[key] = value;
        return settings;
    }
}
