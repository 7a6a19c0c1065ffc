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

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    /// <summary>What the API has written so far (Warning and above), for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>
    /// Starts the API with <paramref name="settings"/> (configuration keys) on <paramref name="address"/> (a free
    /// loopback port when null) and returns once /health answers 200.
    /// </summary>
    public static async Task<KillableApi> StartAsync(IReadOnlyDictionary<string, string?> settings, Uri? address = null)
    {
        address ??= new Uri($"http://127.0.0.1:{ProcessRunner.FreePort()}");
        var start = ApiProcess.StartInfo();
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings.Where(s => s.Value is not null)) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the API.");
        var api = new KillableApi(process, address);
        // Kept (the API logs at Warning, so these are few) for a failing test to show what the API said.
        process.OutputDataReceived += (_, line) => { if (line.Data is { } text) api._output.Enqueue(text); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is { } text) api._output.Enqueue(text); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
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
