using System.Reflection;

namespace AuthApp.Tests.Publishing;

/// <summary>Where the repository and the built tools the publishing tests drive are.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string AspirateOutput => Path.Combine(Root, "aspirate-output");

    public static string CommittedManifest => Path.Combine(Root, "AuthApp.AppHost", "aspire-manifest.json");

    public static string AppHostAssembly => Metadata("AppHostAssembly");

    public static string AspirateAssembly => Metadata("AspirateAssembly");

    public static string BicepExecutable => Metadata("BicepExecutable");

    private static string Metadata(string key) => Path.GetFullPath(
        typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "AuthApp.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("AuthApp.slnx not found above the test output folder.");
    }
}
