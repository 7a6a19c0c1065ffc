using System.Security.Cryptography;

namespace AuthApp.Testing;

/// <summary>
/// Arguments for a test or benchmark run of the AppHost: a throwaway state directory and every secret parameter set,
/// so a run neither reads nor writes the developer's user secrets (where `dotnet run` keeps the generated values).
/// Shared as a linked file by AuthApp.Tests and AuthApp.Benchmarks.
/// </summary>
internal static class ThrowawayAppHost
{
    public static string[] Arguments(string stateDirectory, params string[] more) =>
    [
        $"--AppHost:StateDirectory={stateDirectory}",
        $"--Parameters:postgres-password={Secret()}",
        $"--Parameters:redis-password={Secret()}",
        $"--Parameters:token-hash-key={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
        $"--Parameters:admin-password={Secret()}",
        .. more,
    ];

    /// <summary>A new temporary folder others may enter, as PostgreSQL's user must when the run is root's.</summary>
    public static string NewStateDirectory(string prefix)
    {
        var folder = Directory.CreateTempSubdirectory(prefix).FullName;
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        return folder;
    }

    private static string Secret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
