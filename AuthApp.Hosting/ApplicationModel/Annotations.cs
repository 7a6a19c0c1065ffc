namespace AuthApp.Hosting.ApplicationModel;

/// <summary>Whether the model is being run locally or written out for deployment.</summary>
public enum DistributedApplicationOperation
{
    /// <summary>Start the resources as local processes.</summary>
    Run,

    /// <summary>Write a manifest or Kubernetes output.</summary>
    Publish,
}

/// <summary>The context passed to environment and argument callbacks.</summary>
/// <param name="Operation">Run or publish.</param>
/// <param name="EnvironmentVariables">
/// Name to value: a <see cref="string"/>, an <see cref="IValueProvider"/> (resolved at run time) or an
/// <see cref="IManifestExpressionProvider"/> (written as a placeholder when publishing).
/// </param>
public sealed record EnvironmentCallbackContext(
    DistributedApplicationOperation Operation,
    IDictionary<string, object> EnvironmentVariables);

/// <summary>Adds environment variables to a resource; callbacks run in the order they were added.</summary>
/// <param name="Callback">Fills the context.</param>
public sealed record EnvironmentCallbackAnnotation(Action<EnvironmentCallbackContext> Callback) : IResourceAnnotation;

/// <summary>Command-line arguments of a project or container.</summary>
/// <param name="Args">The arguments.</param>
public sealed record CommandLineArgsAnnotation(IReadOnlyList<string> Args) : IResourceAnnotation;

/// <summary>How a <see cref="WaitAnnotation"/> waits.</summary>
public enum WaitType
{
    /// <summary>Until the resource is running and its health checks pass.</summary>
    WaitUntilHealthy,

    /// <summary>Until the resource exited with code 0.</summary>
    WaitUntilCompleted,
}

/// <summary>Holds the annotated resource until <paramref name="Resource"/> is healthy or completed.</summary>
/// <param name="Resource">The resource waited for.</param>
/// <param name="WaitType">How to wait.</param>
public sealed record WaitAnnotation(IResource Resource, WaitType WaitType) : IResourceAnnotation;

/// <summary>Records that the annotated resource references another (for manifests, network policies and the dashboard).</summary>
/// <param name="Resource">The referenced resource.</param>
public sealed record ResourceReferenceAnnotation(IResource Resource) : IResourceAnnotation;

/// <summary>An HTTP health check: the resource is healthy when <paramref name="Path"/> answers 2xx.</summary>
/// <param name="Path">Path on the endpoint, e.g. <c>/health</c>.</param>
/// <param name="EndpointName">Endpoint to probe.</param>
public sealed record HttpHealthCheckAnnotation(string Path, string EndpointName = "http") : IResourceAnnotation;

/// <summary>The container image a resource runs as when deployed.</summary>
/// <param name="Image">Image name, e.g. <c>library/postgres</c>.</param>
/// <param name="Tag">Image tag.</param>
/// <param name="Registry">Registry host.</param>
public sealed record ContainerImageAnnotation(string Image, string Tag, string Registry = "docker.io") : IResourceAnnotation
{
    /// <summary><c>registry/image:tag</c>.</summary>
    public string FullName => $"{Registry}/{Image}:{Tag}";
}

/// <summary>A persistent volume mounted into a container.</summary>
/// <param name="Name">Volume name.</param>
/// <param name="Target">Mount path inside the container.</param>
public sealed record VolumeAnnotation(string Name, string Target) : IResourceAnnotation;

/// <summary>Overrides a container's entrypoint (the manifest's <c>entrypoint</c>).</summary>
/// <param name="Entrypoint">The executable.</param>
public sealed record ContainerEntrypointAnnotation(string Entrypoint) : IResourceAnnotation;
