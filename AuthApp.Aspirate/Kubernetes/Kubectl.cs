using System.Diagnostics;

namespace AuthApp.Aspirate.Kubernetes;

/// <summary>The outcome of a kubectl run.</summary>
internal sealed record KubectlResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>Runs kubectl (found on PATH) with arguments and optional standard input.</summary>
internal sealed class Kubectl(string executablePath)
{
    /// <summary>The kubectl on PATH, or <c>null</c>.</summary>
    public static Kubectl? FindOnPath()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, OperatingSystem.IsWindows() ? "kubectl.exe" : "kubectl"))
            .Where(File.Exists)
            .Select(file => new Kubectl(file))
            .FirstOrDefault();
    }

    public async Task<KubectlResult> RunAsync(IReadOnlyList<string> arguments, string? standardInput, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executablePath}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken);
            process.StandardInput.Close();
        }

        await process.WaitForExitAsync(cancellationToken);
        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }
}
