namespace AuthApp.Aspirate.Manifest;

/// <summary>A parsed Aspire manifest: its resources in file order, found by name.</summary>
internal sealed class AspireManifest
{
    private readonly Dictionary<string, ManifestResource> _byName;

    public AspireManifest(IReadOnlyList<ManifestResource> resources)
    {
        Resources = resources;
        _byName = resources.ToDictionary(r => r.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<ManifestResource> Resources { get; }

    /// <summary>The resource an expression names; an unknown name is an error in the manifest.</summary>
    public ManifestResource this[string name] => _byName.TryGetValue(name, out var resource)
        ? resource
        : throw new ManifestException($"The manifest refers to '{name}', which is not one of its resources.");

    public IEnumerable<T> OfType<T>() => Resources.OfType<T>();
}

/// <summary>The manifest cannot be read or has something the generator cannot deploy; the message says what.</summary>
internal sealed class ManifestException(string message) : Exception(message);
