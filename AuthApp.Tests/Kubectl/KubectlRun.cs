using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace AuthApp.Tests.Kubectl;

/// <summary>
/// The real kubectl as a child process, its standard error read line by line while it runs: the plugin's sign-in
/// prompt arrives there (kubectl passes the plugin's standard error through) before kubectl finishes.
/// </summary>
internal sealed class KubectlRun : IDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _errorLines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _error = new();
    private readonly Task<string> _output;
    private readonly Task _errorPump;

    private KubectlRun(Process process)
    {
        _process = process;
        _output = process.StandardOutput.ReadToEndAsync();
        _errorPump = PumpErrorAsync();
    }

    public static string Executable { get; } =
        Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(folder => Path.Combine(folder, "kubectl")).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("kubectl is not on PATH; these tests run the real kubectl.");

    /// <summary>Starts <c>kubectl --kubeconfig … args</c> with <c>HOME</c> in <paramref name="home"/> (so its caches, and the plugin's, are the test's).</summary>
    public static KubectlRun Start(string home, string kubeconfig, params string[] args)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add($"--kubeconfig={kubeconfig}");
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["HOME"] = home;
        start.Environment.Remove("KUBECONFIG");
        var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start.");
        process.StandardInput.Close();
        return new KubectlRun(process);
    }

    /// <summary>The first standard-error line matching <paramref name="predicate"/>.</summary>
    public async Task<string> WaitForErrorLineAsync(Func<string, bool> predicate, TimeSpan timeout)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(timeout);
        try
        {
            await foreach (var line in _errorLines.Reader.ReadAllAsync(cancel.Token))
            {
                if (predicate(line)) return line;
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
        }

        throw new TimeoutException($"kubectl printed no matching line within {timeout}; it printed:\n{ErrorSoFar()}");
    }

    public async Task<(int ExitCode, string Output, string Error)> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            // A hung kubectl (and its plugin) must not outlive the test.
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl did not finish within {timeout}; it printed:\n{ErrorSoFar()}");
        }

        await _errorPump;
        return (_process.ExitCode, await _output, ErrorSoFar());
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private string ErrorSoFar()
    {
        lock (_error) return _error.ToString();
    }

    private async Task PumpErrorAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            lock (_error) _error.AppendLine(line);
            await _errorLines.Writer.WriteAsync(line);
        }

        _errorLines.Writer.Complete();
    }
}
