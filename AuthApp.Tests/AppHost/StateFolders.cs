using AuthApp.Testing;

namespace AuthApp.Tests.AppHost;

/// <summary>Removes a test's state directory, whose PostgreSQL part the postgres user owns when tests run as root.</summary>
internal static class StateFolders
{
    /// <inheritdoc cref="ThrowawayAppHost.NewStateDirectory"/>
    public static string Create(string prefix) => ThrowawayAppHost.NewStateDirectory(prefix);

    public static void Delete(string folder)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
