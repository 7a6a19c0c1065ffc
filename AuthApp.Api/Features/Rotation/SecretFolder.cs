using System.Security.Cryptography;

namespace AuthApp.Api.Features.Rotation;

/// <summary>
/// Writes the mounted secret folder the services read (<c>Secrets:Directory</c>, one file per configuration key, decision
/// 0094). Locally the rotation command owns it; on AKS the CSI driver does, and the runbooks change Key Vault instead.
/// </summary>
public sealed class SecretFolder(IConfiguration configuration)
{
    /// <summary>The folder, or null when <c>Secrets:Directory</c> is not set.</summary>
    public string? Path { get; } = configuration[SecretFolderExtensions.DirectoryKey] is { Length: > 0 } path ? System.IO.Path.GetFullPath(path) : null;

    /// <summary>The file name of a configuration key (<c>Storage:PostgresPassword</c> → <c>Storage__PostgresPassword</c>).</summary>
    public static string FileOf(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    public bool Holds(string key) => Path is not null && File.Exists(System.IO.Path.Combine(Path, FileOf(key)));

    /// <summary>Replaces the file in one rename, so a reader sees the old or the new value, never half of one; owner-only.</summary>
    public async Task WriteAsync(string key, string value, CancellationToken cancellationToken)
    {
        var folder = Path ?? throw new InvalidOperationException($"{SecretFolderExtensions.DirectoryKey} is not set: rotation needs the secret folder the services read.");
        Directory.CreateDirectory(folder);
        // Dot-prefixed: the services ignore it while it is being written.
        var temporary = System.IO.Path.Combine(folder, $".{FileOf(key)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using (var stream = new FileStream(temporary, options))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteAsync(value.AsMemory(), cancellationToken);
        }

        File.Move(temporary, System.IO.Path.Combine(folder, FileOf(key)), overwrite: true);
    }
}
