using System.Diagnostics;
using System.Text.Json.Nodes;
using AuthApp.Tests.AppHost;

namespace AuthApp.Tests.Readme;

/// <summary>
/// The AppHost as the README's <c>./run.sh</c> line starts it (decision 0100): the built AppHost in its own process, with
/// its launch profile's environment (what <c>dotnet run</c> applies), the line's arguments, and <c>HOME</c> a fresh
/// folder, so the secret parameters are generated and kept in user secrets there, as on a new machine. What differs,
/// so that a test run needs no fixed port and keeps no data: every fixed port is a free one (the launch profile's
/// dashboard URLs, and <c>DcpPublisher:RandomizePorts</c>, the switch Aspire.Hosting.Testing sets, for the api and web
/// proxies), and the state directory is a throwaway one. Its console output is kept for the README's documented output.
/// </summary>
internal sealed class ReadmeAppHost : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly List<string> _errors = [];
    private readonly TaskCompletionSource _summaryPrinted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ReadmeAppHost(Process process, string stateDirectory)
    {
        _process = process;
        StateDirectory = stateDirectory;
    }

    public string StateDirectory { get; }

    /// <summary>Console lines so far (standard output, as a terminal shows it).</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output) return [.. _output];
        }
    }

    /// <summary>Starts the AppHost with <paramref name="arguments"/> (the README's, after <c>./run.sh</c>) and waits for its summary.</summary>
    public static async Task<ReadmeAppHost> StartAsync(IReadOnlyList<string> arguments, string home)
    {
        var state = StateFolders.Create("authapp-readme-state-");
        var start = new ProcessStartInfo(Publishing.ProcessRunner.Dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            // run.sh changes to the repository root before `dotnet run`.
            WorkingDirectory = Publishing.RepositoryPaths.Root,
        };
        start.ArgumentList.Add(Publishing.RepositoryPaths.AppHostAssembly);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.ArgumentList.Add($"--AppHost:StateDirectory={state}");
        start.ArgumentList.Add("--DcpPublisher:RandomizePorts=true");

        var profile = LaunchProfile();
        // `dotnet run` turns the profile's applicationUrl into ASPNETCORE_URLS; every URL gets a free port here (with
        // RandomizePorts Aspire picks the dashboard's own, which the console's sign-in line then names).
        start.Environment["ASPNETCORE_URLS"] = $"http://localhost:{Infrastructure.ProcessRunner.FreePort()}";
        foreach (var (name, value) in profile["environmentVariables"]!.AsObject())
        {
            var text = (string)value!;
            start.Environment[name] = Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == "http"
                ? $"http://localhost:{Infrastructure.ProcessRunner.FreePort()}"
                : text;
        }

        start.Environment["HOME"] = home;
        // dotnet's own first-run files (the projects start with `dotnet run`) stay where the SDK already set them up.
        start.Environment["DOTNET_CLI_HOME"] = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        start.Environment["DOTNET_NOLOGO"] = "1";

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the AppHost.");
        process.StandardInput.Close();
        var appHost = new ReadmeAppHost(process, state);
        process.OutputDataReceived += (_, e) => appHost.Received(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (appHost._errors) appHost._errors.Add(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(StartTimeout);
        var exited = process.WaitForExitAsync(timeout.Token);
        var first = await Task.WhenAny(appHost._summaryPrinted.Task, exited, Task.Delay(Timeout.Infinite, timeout.Token));
        if (first == appHost._summaryPrinted.Task) return appHost;

        var why = process.HasExited ? $"it exited with code {process.ExitCode}" : $"no summary within {StartTimeout.TotalMinutes} minutes";
        var report = appHost.Report();
        await appHost.DisposeAsync();
        throw new InvalidOperationException($"The AppHost did not come up ({why}).{Environment.NewLine}{report}");
    }

    /// <summary>The last console lines and standard error, for failure messages.</summary>
    public string Report()
    {
        string[] errors;
        lock (_errors) errors = [.. _errors];
        return "AppHost output (last 60 lines):" + Environment.NewLine + string.Join(Environment.NewLine, Output.TakeLast(60))
            + (errors.Length > 0 ? Environment.NewLine + "stderr:" + Environment.NewLine + string.Join(Environment.NewLine, errors.TakeLast(30)) : "");
    }

    /// <summary>Ctrl+C, as the README says: SIGINT to the AppHost, which stops every resource; then the state folder goes.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM too, in case SIGINT is ignored (a test host started in the background passes that on); .NET stops the
            // same way on both. Killing is the last resort: it would leave DCP to stop the servers on its own.
            if (!await SignalAsync("INT", TimeSpan.FromSeconds(20)) && !await SignalAsync("TERM", TimeSpan.FromSeconds(40)))
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }

        _process.Dispose();
        // DCP (detached from the AppHost) ends the servers it started shortly after; their data folder goes after them.
        await NoProcessNamesAsync(StateDirectory, TimeSpan.FromMinutes(1));
        StateFolders.Delete(StateDirectory);
    }

    private async Task<bool> SignalAsync(string signal, TimeSpan wait)
    {
        using (var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(CancellationToken.None);
        }

        using var limit = new CancellationTokenSource(wait);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Received(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Add(line);
            // The summary is one log entry; its last line names the state folder (executables, as here).
            if (_output.Any(l => l.Contains("AuthApp is up", StringComparison.Ordinal)) && line.TrimStart().StartsWith("state ", StringComparison.Ordinal))
            {
                _summaryPrinted.TrySetResult();
            }
        }
    }

    private static JsonNode LaunchProfile() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Publishing.RepositoryPaths.Root, "AuthApp.AppHost", "Properties", "launchSettings.json")))!["profiles"]!["http"]!;

    /// <summary>Waits (at most <paramref name="limit"/>) until no process has <paramref name="folder"/> in its command line.</summary>
    public static async Task NoProcessNamesAsync(string folder, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit && ProcessesUsing(folder).Any()) await Task.Delay(500, CancellationToken.None);
    }

    private static IEnumerable<int> ProcessesUsing(string folder)
    {
        foreach (var directory in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid)) continue;
            string commandLine;
            try
            {
                commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            if (commandLine.Contains(folder, StringComparison.Ordinal)) yield return pid;
        }
    }
}
