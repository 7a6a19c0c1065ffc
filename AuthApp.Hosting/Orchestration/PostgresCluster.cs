using System.Globalization;
using System.Text.RegularExpressions;

namespace AuthApp.Hosting.Orchestration;

/// <summary>
/// A PostgreSQL data folder in the state directory: picks the binaries of its major version, runs initdb once,
/// owns the folder by the <c>postgres</c> user when the AppHost runs as root, and clears a stale pid file.
/// </summary>
/// <param name="folder">The resource's folder (<c>&lt;state&gt;/postgres</c>); data lives in <c>data/</c>.</param>
/// <param name="binaryDirectories">Candidate folders holding postgres and initdb, newest first.</param>
internal sealed partial class PostgresCluster(string folder, IReadOnlyList<string> binaryDirectories)
{
    public const string ServiceUser = "postgres";

    public string Folder { get; } = folder;

    public string DataDirectory => Path.Combine(Folder, "data");

    public string SocketDirectory => Path.Combine(Folder, "run");

    /// <summary>PostgreSQL refuses to run as root, so as root every command runs as the postgres user.</summary>
    public static bool RunsAsServiceUser => !OperatingSystem.IsWindows() && Environment.UserName == "root";

    /// <summary>Wraps a command so it runs as the postgres user when needed. setpriv execs in place (no extra
    /// process as runuser would leave), so the child pid is the postmaster's and signals reach it directly.</summary>
    public static (string FileName, IReadOnlyList<string> Arguments) AsServiceUser(string fileName, IEnumerable<string> arguments) =>
        RunsAsServiceUser
            ? ("setpriv", [$"--reuid={ServiceUser}", $"--regid={ServiceUser}", "--init-groups", "--", fileName, .. arguments])
            : (fileName, [.. arguments]);

    /// <summary>Returns the folder of the binaries to run, after initialising the data folder if needed.</summary>
    public async Task<string> PrepareAsync(string superuserPassword, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        await ChownAsync(cancellationToken);
        var existing = ExistingMajorVersion();
        var binaries = await PickBinariesAsync(existing, cancellationToken);
        if (existing is null)
        {
            await InitializeAsync(binaries, superuserPassword, cancellationToken);
        }

        Directory.CreateDirectory(SocketDirectory);
        await ChownAsync(cancellationToken);
        ClearStalePidFile();
        return binaries;
    }

    private int? ExistingMajorVersion()
    {
        var versionFile = Path.Combine(DataDirectory, "PG_VERSION");
        return File.Exists(versionFile) && int.TryParse(File.ReadAllText(versionFile).Trim(), CultureInfo.InvariantCulture, out var version)
            ? version
            : null;
    }

    private async Task<string> PickBinariesAsync(int? dataVersion, CancellationToken cancellationToken)
    {
        var installed = new List<(string Directory, int Version)>();
        foreach (var directory in binaryDirectories)
        {
            var (_, output) = await OneShotCommand.RunAsync(Path.Combine(directory, "postgres"), ["--version"], cancellationToken);
            var match = VersionPattern().Match(output);
            if (match.Success)
            {
                installed.Add((directory, int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)));
            }
        }

        if (installed.Count == 0)
        {
            throw new DistributedApplicationException($"No working PostgreSQL server found in: {string.Join(", ", binaryDirectories)}.");
        }

        if (dataVersion is null)
        {
            return installed.MaxBy(i => i.Version).Directory;
        }

        return installed.FirstOrDefault(i => i.Version == dataVersion).Directory
            ?? throw new DistributedApplicationException(
                $"The PostgreSQL data folder {DataDirectory} was created by PostgreSQL {dataVersion}, but the installed server is " +
                $"PostgreSQL {string.Join(", ", installed.Select(i => i.Version))}. Install PostgreSQL {dataVersion} to keep the data, " +
                $"or reset it (all local data is lost): delete {Folder} and start again.");
    }

    // initdb writes into data.init and the folder is renamed when complete, so a run killed during initdb
    // leaves no half-made data folder behind; the next run simply starts over.
    private async Task InitializeAsync(string binaries, string password, CancellationToken cancellationToken)
    {
        var staging = DataDirectory + ".init";
        var passwordFile = Path.Combine(Folder, "pwfile");
        DeleteIfExists(staging);
        DeleteIfExists(DataDirectory);
        await WriteOwnerOnlyAsync(passwordFile, password, cancellationToken);
        try
        {
            await ChownAsync(cancellationToken);
            var (fileName, arguments) = AsServiceUser(Path.Combine(binaries, "initdb"),
            [
                "-D", staging, "-U", ServiceUser, $"--pwfile={passwordFile}", "--auth=scram-sha-256",
                "--encoding=UTF8", "--locale=C", "--no-instructions",
            ]);
            var (exitCode, output) = await OneShotCommand.RunAsync(fileName, arguments, cancellationToken);
            if (exitCode != 0)
            {
                throw new DistributedApplicationException($"initdb failed with exit code {exitCode}:{Environment.NewLine}{output}{PermissionHint(output)}");
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }

        Directory.Move(staging, DataDirectory);
    }

    /// <summary>A pid file whose process is gone (a killed run) is removed; a live server on this folder is reported.</summary>
    private void ClearStalePidFile()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return;
        }

        var firstLine = File.ReadLines(pidFile).FirstOrDefault();
        if (int.TryParse(firstLine, CultureInfo.InvariantCulture, out var pid) && UnixSignals.IsAlive(pid) && IsPostgres(pid))
        {
            throw new DistributedApplicationException(
                $"A PostgreSQL server (pid {pid}) is still running on {DataDirectory}, probably left by an AppHost that was killed. " +
                $"Stop it with `kill -INT {pid}` and start again.");
        }

        File.Delete(pidFile);
    }

    private static bool IsPostgres(int pid)
    {
        var commandLine = $"/proc/{pid}/cmdline";
        return !File.Exists(commandLine) || File.ReadAllText(commandLine).Contains("postgres", StringComparison.Ordinal);
    }

    private async Task ChownAsync(CancellationToken cancellationToken)
    {
        if (!RunsAsServiceUser)
        {
            return;
        }

        var (exitCode, output) = await OneShotCommand.RunAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", Folder], cancellationToken);
        if (exitCode != 0)
        {
            throw new DistributedApplicationException($"Could not give {Folder} to the {ServiceUser} user: {output}");
        }
    }

    private string PermissionHint(string output) => output.Contains("Permission denied", StringComparison.OrdinalIgnoreCase)
        ? $"{Environment.NewLine}The {ServiceUser} user cannot reach {Folder} (a parent folder such as /root is private). " +
          "Set AppHost:StateDirectory (environment AppHost__StateDirectory) to a folder it can reach, e.g. /var/lib/authapp."
        : string.Empty;

    private static async Task WriteOwnerOnlyAsync(string path, string content, CancellationToken cancellationToken)
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

    private static void DeleteIfExists(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [GeneratedRegex(@"PostgreSQL\)\s+(\d+)")]
    private static partial Regex VersionPattern();
}
