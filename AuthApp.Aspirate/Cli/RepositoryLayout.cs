namespace AuthApp.Aspirate.Cli;

/// <summary>
/// Default paths, relative to the AuthApp repository (the folder holding <c>AuthApp.slnx</c>, found from the current
/// folder upwards) so the tool behaves the same from the root, from <c>AuthApp.Aspirate/</c> or as an installed tool.
/// Outside a checkout they fall back to Aspirate's defaults relative to the current folder.
/// </summary>
internal sealed class RepositoryLayout(string currentDirectory)
{
    public const string OutputFolder = "aspirate-output";
    public const string AppHostFolder = "AuthApp.AppHost";

    /// <summary>The repository root, or <c>null</c> outside a checkout.</summary>
    public string? Root { get; } = FindRoot(currentDirectory);

    public string DefaultOutputPath => Path.Combine(Root ?? currentDirectory, OutputFolder);

    public string DefaultAppHostPath => Root is { } root ? Path.Combine(root, AppHostFolder) : Path.Combine(currentDirectory, "..", AppHostFolder);

    /// <summary>A path as the user typed it, relative to the current folder.</summary>
    public string Resolve(string path) => Path.GetFullPath(path, currentDirectory);

    private static string? FindRoot(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "AuthApp.slnx")))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
