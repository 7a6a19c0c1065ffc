namespace AuthApp.LocalServers;

/// <summary>
/// PostgreSQL refuses to run as root, so as root its commands run as the <c>postgres</c> user (created by the
/// Debian package). setpriv execs in place, so the process DCP watches is the server itself.
/// </summary>
internal static class ServiceUser
{
    public const string Name = "postgres";

    public static bool IsNeeded => !OperatingSystem.IsWindows() && Environment.UserName == "root";

    public static (string FileName, IReadOnlyList<string> Arguments) Wrap(string fileName, IEnumerable<string> arguments) =>
        IsNeeded
            ? ("setpriv", [$"--reuid={Name}", $"--regid={Name}", "--init-groups", "--", fileName, .. arguments])
            : (fileName, [.. arguments]);

    /// <summary>Whether the service user can enter <paramref name="directory"/> (its nearest existing ancestor when it does not exist yet).</summary>
    public static async Task<bool> CanReachAsync(string directory, CancellationToken cancellationToken)
    {
        if (!IsNeeded) return true;
        var existing = new DirectoryInfo(directory);
        while (!existing.Exists && existing.Parent is not null) existing = existing.Parent;
        var (fileName, arguments) = Wrap("test", ["-x", existing.FullName]);
        var (exitCode, _) = await ShellCommand.RunAsync(fileName, arguments, cancellationToken);
        return exitCode == 0;
    }

    public static async Task GiveAsync(string folder, CancellationToken cancellationToken)
    {
        if (!IsNeeded) return;
        var (exitCode, output) = await ShellCommand.RunAsync("chown", ["-R", $"{Name}:{Name}", folder], cancellationToken);
        if (exitCode != 0)
        {
            throw new DistributedApplicationException($"Could not give {folder} to the {Name} user: {output}");
        }
    }
}
