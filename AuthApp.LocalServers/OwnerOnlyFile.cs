namespace AuthApp.LocalServers;

/// <summary>Writes files that hold a secret (a password file, a Redis config) readable by their owner only.</summary>
internal static class OwnerOnlyFile
{
    public static async Task WriteAsync(string path, string content, CancellationToken cancellationToken)
    {
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var stream = new FileStream(path, options);
        await using var writer = new StreamWriter(stream);
        await writer.WriteAsync(content.AsMemory(), cancellationToken);
    }
}
