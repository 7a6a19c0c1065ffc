using System.Diagnostics;

namespace AuthApp.Tests.Publishing;

/// <summary>The outcome of a child process.</summary>
internal sealed record ProcessResult(int ExitCode, string Output, string Error);

/// <summary>Runs a tool, the built AppHost or the built Aspirate tool as a child process, the way a user would.</summary>
internal static class ProcessRunner
{
    public static string Dotnet { get; } = FindOnPath("dotnet");

    /// <summary>Runs the built AppHost with <paramref name="args"/> (e.g. <c>--publisher manifest</c>).</summary>
    public static Task<ProcessResult> AppHostAsync(IEnumerable<string> args, IDictionary<string, string>? environment = null, string? workingDirectory = null) =>
        RunAsync(Dotnet, [RepositoryPaths.AppHostAssembly, .. args], environment, workingDirectory);

    /// <summary>Runs the built AuthApp.Aspirate tool with <paramref name="args"/> (e.g. <c>generate</c>).</summary>
    public static Task<ProcessResult> AspirateAsync(IEnumerable<string> args, IDictionary<string, string>? environment = null, string? workingDirectory = null) =>
        RunAsync(Dotnet, [RepositoryPaths.AspirateAssembly, .. args], environment, workingDirectory);

    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> args, IDictionary<string, string>? environment = null, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryPaths.Root,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancel.Token);
        var error = process.StandardError.ReadToEndAsync(cancel.Token);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            // A hung AppHost would otherwise outlive the test run, with the servers it started.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw;
        }

        return new ProcessResult(process.ExitCode, await output, await error);
    }

    public static string FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{name} is not on PATH.");
}
