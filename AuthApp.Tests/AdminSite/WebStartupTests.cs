using System.Diagnostics;
using AuthApp.Tests.Infrastructure;

namespace AuthApp.Tests.AdminSite;

/// <summary>The Web site as its own process: a missing or malformed setting stops it, naming the key, never a secret.</summary>
public sealed class WebStartupTests
{
    [Theory]
    [InlineData(null, "ConnectionStrings:redis is missing")]
    [InlineData("password=hunter2-secret", "ConnectionStrings:redis is malformed")]
    public async Task BadRedisSettingStopsTheSiteNamingTheKey(string? redis, string expected)
    {
        var environment = new Dictionary<string, string> { ["AdminSite__RevalidationInterval"] = "00:00:30" };
        if (redis is not null) environment["ConnectionStrings__redis"] = redis;

        var (exitCode, output) = await RunWebAsync(environment);

        Assert.Equal(1, exitCode);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutOfRangeRevalidationIntervalStopsTheSiteNamingTheKey()
    {
        var (exitCode, output) = await RunWebAsync(new()
        {
            ["ConnectionStrings__redis"] = "127.0.0.1:1,password=unused",
            ["AdminSite__RevalidationInterval"] = "00:00:00",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("AdminSite:RevalidationInterval must be between", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevalidationIntervalThatDoesNotParseStopsTheSiteNamingTheKeyAndTheExpectedKind()
    {
        var (exitCode, output) = await RunWebAsync(new()
        {
            ["ConnectionStrings__redis"] = "127.0.0.1:1,password=unused",
            ["AdminSite__RevalidationInterval"] = "half a minute",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("Startup stopped: AdminSite:RevalidationInterval does not parse: the value is not a TimeSpan", output, StringComparison.Ordinal);
        Assert.DoesNotContain("half a minute", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    /// <summary>Runs the Web assembly built beside the AppHost (same configuration as the tests), with only the given settings.</summary>
    private static async Task<(int ExitCode, string Output)> RunWebAsync(Dictionary<string, string> environment)
    {
        var webDll = ProjectOutput.Assembly(new Projects.AuthApp_Web().ProjectPath);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(webDll);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase) || k.StartsWith("AdminSite", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (name, value) in environment) start.Environment[name] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the Web site.");
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output + await error);
    }
}
