using System.Security.Cryptography;
using System.Text;

namespace AuthApp.LocalServers;

/// <summary>
/// The local servers' data: one folder per resource (<c>postgres/data</c>, <c>redis/data</c>). Default
/// <c>.authapp/</c> at the repository root; deleting it resets all local data.
/// </summary>
public sealed class StateDirectory
{
    /// <summary>The folder used when the PostgreSQL service user cannot reach the repository (root in a private folder).</summary>
    public const string SharedRoot = "/var/lib/authapp";

    private StateDirectory(string path, string? movedFrom)
    {
        Path = path;
        MovedFrom = movedFrom;
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>The default folder that could not be used, when the state moved to <see cref="SharedRoot"/>.</summary>
    public string? MovedFrom { get; }

    /// <summary>The folder of one resource, created on first use.</summary>
    public string ForResource(string resourceName) =>
        Directory.CreateDirectory(System.IO.Path.Combine(Path, resourceName)).FullName;

    internal static StateDirectory Resolve(string? configured, string appHostDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var path = System.IO.Path.GetFullPath(configured, appHostDirectory);
            return Problem(configured, appHostDirectory) is { } problem
                ? throw new DistributedApplicationException(problem)
                : new StateDirectory(path, null);
        }

        var preferred = System.IO.Path.Combine(FindRepositoryRoot(appHostDirectory), ".authapp");
        // As root, PostgreSQL runs as the postgres user, who cannot enter a private folder such as /root: such a
        // clone keeps its data under /var/lib/authapp instead, in a folder named for the clone's path.
        if (ServiceUser.CanReachAsync(preferred, CancellationToken.None).GetAwaiter().GetResult())
        {
            return new StateDirectory(preferred, null);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(preferred)))[..10];
        var name = System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(preferred)) ?? "authapp";
        return new StateDirectory(System.IO.Path.Combine(SharedRoot, $"{name}-{hash}"), preferred);
    }

    /// <summary>Why a configured state folder cannot be used, or null: checked before the app model is built.</summary>
    internal static string? Problem(string configured, string appHostDirectory)
    {
        var path = System.IO.Path.GetFullPath(configured, appHostDirectory);
        return ServiceUser.CanReachAsync(path, CancellationToken.None).GetAwaiter().GetResult()
            ? null
            : $"AppHost:StateDirectory ({path}) cannot be entered by the {ServiceUser.Name} user, who runs PostgreSQL when the " +
              $"AppHost runs as root: choose a folder whose parents others may enter, such as {SharedRoot}, or leave the setting out.";
    }

    /// <summary>The nearest folder holding <c>.git</c> or a solution file; else the AppHost's parent.</summary>
    private static string FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(System.IO.Path.Combine(dir.FullName, ".git")) || File.Exists(System.IO.Path.Combine(dir.FullName, ".git"))
                || dir.EnumerateFiles("*.slnx").Any() || dir.EnumerateFiles("*.sln").Any())
            {
                return dir.FullName;
            }
        }

        return Directory.GetParent(start)?.FullName ?? start;
    }
}
