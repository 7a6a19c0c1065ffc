using System.Security.Cryptography;

namespace AuthApp.Benchmarks;

/// <summary>
/// AppHost arguments for a benchmark run: a throwaway state directory and every secret parameter set, so a run
/// neither reads nor writes the developer's user secrets (where `dotnet run` keeps the generated values).
/// </summary>
internal static class BenchmarkArguments
{
    public static string[] For(string stateDirectory, params string[] more) =>
    [
        $"--AppHost:StateDirectory={stateDirectory}",
        $"--Parameters:postgres-password={Secret()}",
        $"--Parameters:redis-password={Secret()}",
        $"--Parameters:token-hash-key={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
        $"--Parameters:admin-password={Secret()}",
        .. more,
    ];

    /// <summary>A new temporary folder that the postgres user (the server runs as it under root) can enter.</summary>
    public static string NewStateDirectory()
    {
        var folder = Directory.CreateTempSubdirectory("authapp-bench-").FullName;
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        return folder;
    }

    private static string Secret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
