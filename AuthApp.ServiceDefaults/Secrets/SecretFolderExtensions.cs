using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.KeyPerFile;
using Microsoft.Extensions.FileProviders;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// <c>Secrets:Directory</c>: a mounted folder of secrets, one file per setting, as the Secrets Store CSI driver and
/// Kubernetes Secret volumes write them (decision 0094). A file's name is its configuration key with <c>__</c> for
/// <c>:</c> (<c>Storage__PostgresPassword</c>, <c>Auth__TokenHashKeys__k2</c>), the same rule as environment variables.
/// The folder is added last, so it wins over the environment, and it is re-read when it changes.
/// </summary>
public static class SecretFolderExtensions
{
    /// <summary>The configuration key naming the folder.</summary>
    public const string DirectoryKey = "Secrets:Directory";

    /// <summary>Adds the folder named by <c>Secrets:Directory</c>, if any, as a reloading configuration source.</summary>
    public static TBuilder AddSecretFolder<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        if (builder.Configuration[DirectoryKey] is not { Length: > 0 } directory) return builder;
        var folder = Path.GetFullPath(directory);
        builder.Configuration.Add<KeyPerFileConfigurationSource>(source =>
        {
            // Polling, not inotify: Kubernetes swaps a `..data` symlink to update a mounted secret, which file-system
            // events on the visible files miss. Polling compares the targets' write times (about every 4 s).
            source.FileProvider = Directory.Exists(folder) ? new PhysicalFileProvider(folder) { UsePollingFileWatcher = true, UseActivePolling = true } : null;
            // A missing folder is a deployment error the storage checks then report (no password); it does not crash startup.
            source.Optional = true;
            source.ReloadOnChange = true;
            source.ReloadDelay = 100;
            // Kubernetes' own bookkeeping entries (`..data`, `..2026_…`) are not settings.
            source.IgnoreCondition = name => name.StartsWith("..", StringComparison.Ordinal) || name.StartsWith('.');
        });
        return builder;
    }
}
