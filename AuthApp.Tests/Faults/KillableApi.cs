using System.Diagnostics;
using AuthApp.Tests.Infrastructure;

namespace AuthApp.Tests.Faults;

/// <summary>
/// The built API as a process of its own (Production environment, the given settings only), so that a test can
/// end it with SIGKILL: no shutdown code runs, exactly as when a node dies or the OOM killer strikes.
/// </summary>
public sealed class KillableApi : IAsyncDisposable
{
    private readonly Process _process;

    private KillableApi(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Starts the API with <paramref name="settings"/> (configuration keys) and returns once /health answers 200.</summary>
    public static async Task<KillableApi> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var directory = AppContext.BaseDirectory;
        var address = new Uri($"http://127.0.0.1:{ProcessRunner.FreePort()}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(directory, "AuthApp.Api.dll"));
        // Settings inherited from the machine would make the outcome depend on where the test runs.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("Auth__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("OTEL_", StringComparison.Ordinal)
            || k.EndsWith("ENVIRONMENT", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings.Where(s => s.Value is not null)) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the API.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var api = new KillableApi(process, address);
        using var probe = api.CreateClient();
        await Poll.UntilAsync(async () =>
        {
            Assert.False(process.HasExited, $"The API exited with {(process.HasExited ? process.ExitCode : 0)} during startup.");
            try
            {
                using var health = await probe.GetAsync("/health", ApiClient.Cancel);
                return health.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), "the API process to answer /health");
        return api;
    }

    public HttpClient CreateClient() => new() { BaseAddress = Address, Timeout = Traffic.RequestTimeout };

    /// <summary>SIGKILL (what <see cref="Process.Kill()"/> sends on Linux), then waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync(ApiClient.Cancel);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }
}
