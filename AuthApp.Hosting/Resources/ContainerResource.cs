using AuthApp.Hosting.ApplicationModel;

namespace AuthApp.Hosting.Resources;

/// <summary>
/// A resource deployed as a container image. Locally there is no container engine, so the orchestrator
/// runs the same server as a process; manifests and Kubernetes output use the image.
/// </summary>
/// <param name="name">Resource name.</param>
public abstract class ContainerResource(string name)
    : Resource(name), IResourceWithEnvironment, IResourceWithEndpoints, IResourceWithWaitSupport, IResourceWithArgs
{
    /// <summary>A reference to one of this resource's endpoints.</summary>
    public EndpointReference GetEndpoint(string endpointName) => new(this, endpointName);
}
