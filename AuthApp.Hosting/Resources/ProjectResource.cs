using AuthApp.Hosting.ApplicationModel;

namespace AuthApp.Hosting.Resources;

/// <summary>A .NET project of this repository, run as a process locally and as an image when deployed.</summary>
/// <param name="name">Resource name.</param>
/// <param name="projectPath">Absolute path of the .csproj.</param>
public sealed class ProjectResource(string name, string projectPath)
    : Resource(name), IResourceWithEnvironment, IResourceWithEndpoints, IResourceWithWaitSupport, IResourceWithArgs
{
    /// <summary>Absolute path of the project file.</summary>
    public string ProjectPath { get; } = projectPath;

    /// <summary>A reference to one of this project's endpoints.</summary>
    public EndpointReference GetEndpoint(string endpointName) => new(this, endpointName);
}
