using System.Diagnostics;
using System.Text.RegularExpressions;

namespace AuthApp.Tests.Readme;

/// <summary>What one step printed, the HTTP status of each curl it ran (in order) and bash's exit code.</summary>
public sealed record StepOutput(string Output, string Errors, IReadOnlyList<int> Statuses, int ExitCode);

/// <summary>
/// One bash session that runs the README's steps in order, as a reader pasting them into one shell would: variables
/// (<c>B</c>, <c>TOKEN</c>, <c>ID</c>) carry from step to step. <c>curl</c> is wrapped by a shell function that
/// writes each answer's status to standard error after the command's own output, which it leaves unchanged.
/// </summary>
public sealed partial class ReadmeShell : IAsyncDisposable
{
    private const string Done = "readme-test-done";

    // %{stderr} sends the rest of the write-out to stderr (curl 7.63+). An example's own -w replaces it.
    private const string CurlWrapper = "curl() { command curl -w '%{stderr}readme-test-status %{http_code}\\n' \"$@\"; }";

    private readonly Process _bash;
    private readonly string _folder;
    private int _steps;

    private ReadmeShell(Process bash, string folder)
    {
        _bash = bash;
        _folder = folder;
    }

    /// <summary>Starts bash in <paramref name="home"/> with the given environment added to this process's.</summary>
    public static async Task<ReadmeShell> StartAsync(string home, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash", ["--noprofile", "--norc"])
        {
            WorkingDirectory = home,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["HOME"] = home;
        foreach (var (name, value) in environment) start.Environment[name] = value;
        var bash = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash.");
        bash.ErrorDataReceived += (_, _) => { };
        bash.BeginErrorReadLine();
        var shell = new ReadmeShell(bash, Directory.CreateDirectory(Path.Combine(home, ".readme-test")).FullName);
        await bash.StandardInput.WriteLineAsync(CurlWrapper);
        return shell;
    }

    /// <summary>Runs <paramref name="commands"/> in the session (sourced, so assignments stay) and returns what it did.</summary>
    public async Task<StepOutput> RunAsync(string commands, TimeSpan timeout)
    {
        var n = ++_steps;
        var script = Path.Combine(_folder, $"step-{n}.sh");
        var output = Path.Combine(_folder, $"step-{n}.out");
        var errors = Path.Combine(_folder, $"step-{n}.err");
        await File.WriteAllTextAsync(script, commands + "\n");
        // stdin from /dev/null: a command reading input must not eat the session's next lines.
        await _bash.StandardInput.WriteLineAsync($". '{script}' </dev/null >'{output}' 2>'{errors}'; echo \"{Done} $?\"");
        await _bash.StandardInput.FlushAsync();

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(timeout);
        string? line;
        do
        {
            line = await _bash.StandardOutput.ReadLineAsync(cancel.Token)
                ?? throw new InvalidOperationException("bash ended during a README step (an `exit` in an example?).");
        }
        while (!line.StartsWith(Done, StringComparison.Ordinal));

        var stderr = await File.ReadAllTextAsync(errors);
        var statuses = StatusLine().Matches(stderr).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return new StepOutput(await File.ReadAllTextAsync(output), StatusLine().Replace(stderr, "").Trim(), statuses, int.Parse(line[Done.Length..], System.Globalization.CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_bash.HasExited)
        {
            _bash.Kill(entireProcessTree: true);
            await _bash.WaitForExitAsync(CancellationToken.None);
        }

        _bash.Dispose();
    }

    [GeneratedRegex(@"readme-test-status (\d{3})\n?")]
    private static partial Regex StatusLine();
}
