using System.Diagnostics;

namespace AuthApp.Tests.Infrastructure;

/// <summary>Runs the built API as its own process (Production environment, only the given settings).</summary>
public static class ApiProcess
{
    /// <summary>Runs the API with <paramref name="arguments"/> until it exits; killed after <paramref name="timeout"/> (default 1 minute).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string[] arguments, Dictionary<string, string> environment, TimeSpan? timeout = null)
    {
        var start = StartInfo();
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the API.");
        var output = process.StandardOutput.ReadToEndAsync(ApiClient.Cancel);
        var error = process.StandardError.ReadToEndAsync(ApiClient.Cancel);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ApiClient.Cancel);
        limit.CancelAfter(timeout ?? TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            // A hung API must not outlive the test.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw;
        }

        return (process.ExitCode, await output + await error);
    }

    /// <summary>
    /// The built API in Production, without the settings this machine's environment would add (connection strings,
    /// Auth, OTEL): they would make the outcome depend on where the test runs. Output is redirected.
    /// </summary>
    public static ProcessStartInfo StartInfo()
    {
        var directory = AppContext.BaseDirectory;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(directory, "AuthApp.Api.dll"));
        var inherited = start.Environment.Keys.Where(k =>
            k.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("Auth__", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("OTEL_", StringComparison.Ordinal)
            || k.EndsWith("ENVIRONMENT", StringComparison.Ordinal)).ToList();
        foreach (var name in inherited) start.Environment.Remove(name);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        return start;
    }
}
