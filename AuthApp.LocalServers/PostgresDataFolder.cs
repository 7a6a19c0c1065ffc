using System.Globalization;
using System.Text.RegularExpressions;

namespace AuthApp.LocalServers;

/// <summary>
/// A PostgreSQL data folder in the state directory: picks the binaries of its major version, runs initdb once,
/// gives the folder to the postgres user when the AppHost runs as root, and clears a stale pid file.
/// </summary>
/// <param name="folder">The resource's folder (<c>&lt;state&gt;/postgres</c>); data lives in <c>data/</c>.</param>
/// <param name="binaryDirectories">Candidate folders holding postgres and initdb, newest first.</param>
internal sealed partial class PostgresDataFolder(string folder, IReadOnlyList<string> binaryDirectories)
{
    public string Folder { get; } = folder;

    public string DataDirectory => Path.Combine(Folder, "data");

    public string SocketDirectory => Path.Combine(Folder, "run");

    /// <summary>Returns the folder of the binaries to run, after initialising the data folder if needed.</summary>
    public async Task<string> PrepareAsync(string superuserPassword, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var existing = ExistingMajorVersion();
        var binaries = await PickBinariesAsync(existing, cancellationToken);
        if (existing is null)
        {
            await InitializeAsync(binaries, superuserPassword, cancellationToken);
        }

        Directory.CreateDirectory(SocketDirectory);
        await ServiceUser.GiveAsync(Folder, cancellationToken);
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
            var (_, output) = await ShellCommand.RunAsync(Path.Combine(directory, "postgres"), ["--version"], cancellationToken);
            var match = VersionPattern().Match(output);
            if (match.Success) installed.Add((directory, int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)));
        }

        if (installed.Count == 0)
        {
            throw new DistributedApplicationException($"No working PostgreSQL server found in: {string.Join(", ", binaryDirectories)}.");
        }

        if (dataVersion is null) return installed.MaxBy(i => i.Version).Directory;
        var versions = installed.Select(i => i.Version).Distinct().Order().ToArray();
        return installed.FirstOrDefault(i => i.Version == dataVersion).Directory
            ?? throw new DistributedApplicationException(
                $"The PostgreSQL data folder {DataDirectory} was created by PostgreSQL {dataVersion}, but the installed server is " +
                $"PostgreSQL {string.Join(", ", versions)}. Install PostgreSQL {dataVersion} to keep the data, " +
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
        await OwnerOnlyFile.WriteAsync(passwordFile, password, cancellationToken);
        try
        {
            await ServiceUser.GiveAsync(Folder, cancellationToken);
            var (fileName, arguments) = ServiceUser.Wrap(Path.Combine(binaries, "initdb"),
            [
                "-D", staging, "-U", ServiceUser.Name, $"--pwfile={passwordFile}", "--auth=scram-sha-256",
                "--encoding=UTF8", "--locale=C", "--no-instructions",
            ]);
            var (exitCode, output) = await ShellCommand.RunAsync(fileName, arguments, cancellationToken);
            if (exitCode != 0)
            {
                throw new DistributedApplicationException($"initdb failed with exit code {exitCode}:{Environment.NewLine}{output}");
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
        if (!File.Exists(pidFile)) return;
        var firstLine = File.ReadLines(pidFile).FirstOrDefault();
        if (int.TryParse(firstLine, CultureInfo.InvariantCulture, out var pid) && IsPostgres(pid))
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
        return File.Exists(commandLine) && File.ReadAllText(commandLine).Contains("postgres", StringComparison.Ordinal);
    }

    private static void DeleteIfExists(string directory)
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }

    [GeneratedRegex(@"PostgreSQL\)\s+(\d+)")]
    private static partial Regex VersionPattern();
}
