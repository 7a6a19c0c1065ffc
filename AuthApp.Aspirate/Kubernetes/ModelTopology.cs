using AuthApp.Hosting.ApplicationModel;
using AuthApp.Hosting.Resources;

namespace AuthApp.Hosting.Publishing.Kubernetes;

/// <summary>
/// How the model maps onto pods: each container and project resource is a workload, except a project others
/// wait to complete (the migration), which runs as an init container of each waiting workload.
/// </summary>
internal sealed class ModelTopology(DistributedApplicationModel model)
{
    private DistributedApplicationModel Model { get; } = model;

    /// <summary>Resources that become a Deployment or StatefulSet, in model order.</summary>
    public IReadOnlyList<IResource> Workloads => [.. Model.Resources.Where(r => r is ContainerResource or ProjectResource && !IsInitStep(r))];

    /// <summary>Projects run to completion before the workloads that wait for them.</summary>
    public IReadOnlyList<ProjectResource> InitSteps => [.. Model.Resources.OfType<ProjectResource>().Where(IsInitStep)];

    /// <summary>Init steps of a workload, in the order its waits were declared.</summary>
    public IReadOnlyList<ProjectResource> InitStepsOf(IResource workload) =>
        [.. workload.Annotations.OfType<WaitAnnotation>()
            .Where(w => w.WaitType == WaitType.WaitUntilCompleted)
            .Select(w => w.Resource).OfType<ProjectResource>()];

    /// <summary>The workload (pod) a resource runs in: itself, or the first workload that waits for it.</summary>
    public IResource PodOf(IResource resource) => IsInitStep(resource)
        ? Workloads.First(w => InitStepsOf(w).Contains(resource))
        : resource;

    /// <summary>Pods that reference <paramref name="target"/> or one of its children (a server's databases).</summary>
    public IReadOnlyList<IResource> PodsReaching(IResource target) =>
        [.. Model.Resources
            .Where(r => r.Annotations.OfType<ResourceReferenceAnnotation>().Any(a => a.Resource == target || a.Resource is IResourceWithParent p && p.Parent == target))
            .Select(PodOf)
            .Distinct()];

    /// <summary>The image a project is published as: named after the first resource built from that project.</summary>
    public string ImageRepository(ProjectResource project) =>
        Model.Resources.OfType<ProjectResource>().Where(p => !IsInitStep(p)).FirstOrDefault(p => p.ProjectPath == project.ProjectPath)?.Name
        ?? project.Name;

    /// <summary>Workloads with an external http endpoint (reached through the ingress).</summary>
    public IReadOnlyList<ProjectResource> ExternalProjects => [.. Workloads.OfType<ProjectResource>()
        .Where(p => p.Annotations.OfType<EndpointAnnotation>().Any(e => e.IsExternal))];

    /// <summary>Every secret parameter, in model order.</summary>
    public IReadOnlyList<ParameterResource> SecretParameters => [.. Model.Resources.OfType<ParameterResource>().Where(p => p.Secret)];

    private bool IsInitStep(IResource resource) => resource is ProjectResource && Model.Resources.Any(r =>
        r.Annotations.OfType<WaitAnnotation>().Any(w => w.Resource == resource && w.WaitType == WaitType.WaitUntilCompleted));
}
