namespace AuthApp.Tests.AppHost;

/// <summary>Removes a test's state directory, whose PostgreSQL part the postgres user owns when tests run as root.</summary>
internal static class StateFolders
{
    /// <summary>A new temporary folder others may enter, as PostgreSQL's user must when the tests run as root.</summary>
    public static string Create(string prefix)
    {
        var folder = Directory.CreateTempSubdirectory(prefix).FullName;
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        return folder;
    }

    public static void Delete(string folder)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
