using System.Diagnostics;
using AuthApp.Aspirate.Manifest;

namespace AuthApp.Aspirate.Cli;

/// <summary>
/// Runs the AppHost's manifest publisher as Aspirate does:
/// <c>dotnet run --project &lt;AppHost&gt; -- --publisher manifest --output-path &lt;file&gt;</c>.
/// </summary>
internal sealed class AppHostManifestPublisher(TextWriter output)
{
    /// <summary>Publishes the manifest into <paramref name="folder"/> and returns the file's path.</summary>
    public async Task<string> PublishAsync(string appHostPath, string folder, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(appHostPath) && !File.Exists(appHostPath))
        {
            throw new ManifestException($"The AppHost project {appHostPath} does not exist; pass --project-path or --aspire-manifest.");
        }

        var manifest = Path.Combine(folder, "aspire-manifest.json");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "run", "--project", appHostPath, "--", "--publisher", "manifest", "--output-path", manifest })
        {
            start.ArgumentList.Add(argument);
        }

        await output.WriteLineAsync($"Publishing the manifest of {appHostPath} (dotnet run -- --publisher manifest)...");
        using var process = Process.Start(start) ?? throw new ManifestException("Could not start dotnet.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);

        // The build and the AppHost's log are only worth showing when something went wrong.
        if (process.ExitCode != 0 || !File.Exists(manifest))
        {
            throw new ManifestException($"The AppHost did not publish its manifest (exit code {process.ExitCode}):\n{(await stdout).Trim()}\n{(await stderr).Trim()}");
        }

        return manifest;
    }
}
