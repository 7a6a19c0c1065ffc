using System.Reflection;

namespace AuthApp.Hosting.Orchestration;

/// <summary>Where the AppHost lives and which assembly holds its build-time metadata.</summary>
/// <param name="Directory">Folder of the AppHost project.</param>
/// <param name="Assembly">The AppHost assembly (its entry assembly, or the one a test named).</param>
internal sealed record AppHostInfo(string Directory, Assembly? Assembly)
{
    /// <summary>Build configuration of the AppHost (Debug, Release), which the projects were built with.</summary>
    public string Configuration =>
        Assembly?.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } configuration
            ? configuration
            : "Debug";

    /// <summary>A value recorded at build time with an <c>AssemblyMetadata</c> item.</summary>
    public string? Metadata(string key) =>
        Assembly?.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;
}
