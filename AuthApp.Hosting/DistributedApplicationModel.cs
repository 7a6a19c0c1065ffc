using AuthApp.Hosting.ApplicationModel;

namespace AuthApp.Hosting;

/// <summary>The finished model handed to the orchestrator, the dashboard and the publishers.</summary>
/// <param name="resources">Every resource in the order it was added.</param>
/// <param name="appHostDirectory">Folder of the AppHost project.</param>
public sealed class DistributedApplicationModel(IReadOnlyList<IResource> resources, string appHostDirectory)
{
    /// <summary>Every resource in the order it was added.</summary>
    public IReadOnlyList<IResource> Resources { get; } = resources;

    /// <summary>Folder of the AppHost project.</summary>
    public string AppHostDirectory { get; } = appHostDirectory;

    /// <summary>The resource with that name.</summary>
    public IResource this[string name] => Resources.SingleOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"No resource named '{name}'.");
}
