namespace AuthApp.LocalServers;

/// <summary>
/// Finds the PostgreSQL and Redis server programs: in <c>AppHost:BinaryPath</c> when set, else on PATH,
/// under <c>/usr/lib/postgresql/*/bin</c> (Debian/Ubuntu) and in the Homebrew folders (macOS).
/// </summary>
public sealed class ServerBinaries(string? binaryPath)
{
    private static readonly string[] HomebrewRoots = ["/opt/homebrew", "/usr/local"];

    /// <summary>Folders holding both <c>postgres</c> and <c>initdb</c>, newest major version first.</summary>
    public IReadOnlyList<string> PostgresDirectories() =>
        SearchPath().Where(d => IsExecutable(Path.Combine(d, "postgres")) && IsExecutable(Path.Combine(d, "initdb")))
            .Distinct(StringComparer.Ordinal)
            .ToArray();

    /// <summary>The <c>redis-server</c> program, or null when none is installed.</summary>
    public string? RedisServer() => SearchPath().Select(d => Path.Combine(d, "redis-server")).FirstOrDefault(IsExecutable);

    /// <summary>Throws with the exact install command when a needed server is missing.</summary>
    public void EnsureAvailable(bool needsPostgres, bool needsRedis)
    {
        var missing = new List<(string What, string Apt, string Brew)>();
        if (needsPostgres && PostgresDirectories().Count == 0) missing.Add(("PostgreSQL (postgres, initdb)", "postgresql", "postgresql"));
        if (needsRedis && RedisServer() is null) missing.Add(("Redis (redis-server)", "redis-server", "redis"));
        if (missing.Count == 0) return;
        throw new DistributedApplicationException(
            $"Missing prerequisites: {string.Join(" and ", missing.Select(m => m.What))} not found" +
            $" (searched: {string.Join(Path.PathSeparator, SearchPath())}).{Environment.NewLine}" +
            $"Install on Debian/Ubuntu: sudo apt-get install {string.Join(' ', missing.Select(m => m.Apt))}{Environment.NewLine}" +
            $"Install on macOS:         brew install {string.Join(' ', missing.Select(m => m.Brew))}{Environment.NewLine}" +
            "Or run ./eng/prerequisites.sh, which installs them when it can.");
    }

    private IEnumerable<string> SearchPath()
    {
        if (!string.IsNullOrWhiteSpace(binaryPath))
        {
            return binaryPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        }

        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return path
            .Concat(VersionedFolders("/usr/lib/postgresql", "*", "bin"))
            .Concat(HomebrewRoots.Select(r => Path.Combine(r, "bin")))
            .Concat(HomebrewRoots.SelectMany(r => VersionedFolders(Path.Combine(r, "opt"), "postgresql*", "bin")));
    }

    private static IEnumerable<string> VersionedFolders(string root, string pattern, string child) =>
        Directory.Exists(root)
            ? Directory.GetDirectories(root, pattern)
                .OrderByDescending(d => int.TryParse(new string(Path.GetFileName(d).Where(char.IsDigit).ToArray()), out var v) ? v : 0)
                .Select(d => Path.Combine(d, child))
            : [];

    private static bool IsExecutable(string file) =>
        File.Exists(file)
        && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.OtherExecute)) != 0);
}
