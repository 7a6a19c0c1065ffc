using Microsoft.Extensions.Options;

namespace AuthApp.Hosting.Orchestration;

/// <summary>
/// The AppHost's local state: <c>parameters.json</c> (generated secrets, owner-only) and one folder per
/// server resource (<c>postgres/data</c>, <c>redis/data</c>). Deleting the folder resets everything.
/// </summary>
internal sealed class StateDirectory(IOptions<AppHostOptions> options, AppHostInfo appHost)
{
    private readonly Lazy<string> _path = new(() => Resolve(options.Value.StateDirectory, appHost.Directory));

    public const string DefaultFolderName = ".authapp";

    public string Path => _path.Value;

    /// <summary>The folder of one resource, created on first use.</summary>
    public string ForResource(string resourceName) =>
        Directory.CreateDirectory(System.IO.Path.Combine(Path, resourceName)).FullName;

    public void EnsureExists() => Directory.CreateDirectory(Path);

    internal static string Resolve(string? configured, string appHostDirectory) =>
        !string.IsNullOrWhiteSpace(configured)
            ? System.IO.Path.GetFullPath(configured, appHostDirectory)
            : System.IO.Path.Combine(FindRepositoryRoot(appHostDirectory), DefaultFolderName);

    /// <summary>The nearest folder holding <c>.git</c> or a solution file; else the AppHost's parent.</summary>
    private static string FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(System.IO.Path.Combine(dir.FullName, ".git"))
                || File.Exists(System.IO.Path.Combine(dir.FullName, ".git"))
                || dir.EnumerateFiles("*.slnx").Any()
                || dir.EnumerateFiles("*.sln").Any())
            {
                return dir.FullName;
            }
        }

        return Directory.GetParent(start)?.FullName ?? start;
    }
}
