using AuthApp.Aspirate.Manifest;

namespace AuthApp.Aspirate.Kubernetes;

/// <summary>
/// How the manifest maps onto pods: each container and project is a workload, except a one-off step of a project
/// (the migration), which runs as an init container of that project's pods (decision 0032).
/// </summary>
/// <remarks>
/// The manifest does not record <c>WaitForCompletion</c>, so an init step is recognised by its shape: a project
/// resource with arguments (<c>migrate</c>) built from the same csproj as a long-running project without arguments.
/// </remarks>
internal sealed class ModelTopology(AspireManifest manifest)
{
    public AspireManifest Manifest { get; } = manifest;

    /// <summary>Resources that become a Deployment or StatefulSet, in manifest order.</summary>
    public IReadOnlyList<ManifestWorkload> Workloads => [.. Manifest.OfType<ManifestWorkload>().Where(w => !IsInitStep(w))];

    /// <summary>Projects run to completion before the workload built from the same project starts.</summary>
    public IReadOnlyList<ManifestProject> InitSteps => [.. Manifest.OfType<ManifestProject>().Where(IsInitStep)];

    /// <summary>Init steps of a workload, in manifest order.</summary>
    public IReadOnlyList<ManifestProject> InitStepsOf(ManifestWorkload workload) => workload is ManifestProject { Args.Count: 0 } project
        ? [.. InitSteps.Where(s => SameProject(s, project))]
        : [];

    /// <summary>The workload (pod) a resource runs in: itself, or the first workload whose init step it is.</summary>
    public ManifestWorkload PodOf(ManifestWorkload resource) => IsInitStep(resource)
        ? Workloads.First(w => InitStepsOf(w).Contains(resource))
        : resource;

    /// <summary>Pods whose settings reach <paramref name="target"/>'s endpoints, directly or through connection strings.</summary>
    public IReadOnlyList<ManifestWorkload> PodsReaching(ManifestWorkload target) =>
        [.. Manifest.OfType<ManifestWorkload>()
            .Where(w => w.Env.Select(e => e.Value).Concat(w.Args).Any(value => Reaches(value, target, 0)))
            .Select(PodOf)
            .Distinct()];

    /// <summary>The image a project is published as: named after the first workload built from that project.</summary>
    public string ImageRepository(ManifestProject project) =>
        Workloads.OfType<ManifestProject>().FirstOrDefault(p => SameProject(p, project))?.Name ?? project.Name;

    /// <summary>Workloads with an external endpoint (reached through the ingress).</summary>
    public IReadOnlyList<ManifestProject> ExternalProjects => [.. Workloads.OfType<ManifestProject>().Where(p => p.Bindings.Any(b => b.External))];

    /// <summary>Every secret parameter, in manifest order.</summary>
    public IReadOnlyList<ManifestParameter> SecretParameters => [.. Manifest.OfType<ManifestParameter>().Where(p => p.Secret)];

    private bool IsInitStep(ManifestWorkload resource) => resource is ManifestProject { Args.Count: > 0 } step
        && Manifest.OfType<ManifestProject>().Any(p => p.Args.Count == 0 && SameProject(p, step));

    private static bool SameProject(ManifestProject a, ManifestProject b) => string.Equals(a.Path, b.Path, StringComparison.Ordinal);

    private bool Reaches(string expression, ManifestWorkload target, int depth) => depth < 16 && ManifestExpression.Parse(expression)
        .Where(p => p.IsPlaceholder)
        .Any(p => (p.Path!, Manifest[p.Path![0]]) switch
        {
            ([_, "bindings", ..], var resource) => resource == target,
            ([_, "connectionString"], ManifestWorkload { ConnectionString: { } connection }) => Reaches(connection, target, depth + 1),
            ([_, "connectionString"], ManifestValue value) => Reaches(value.ConnectionString ?? string.Empty, target, depth + 1),
            ([_, "value"], ManifestValue value) => Reaches(value.Value ?? string.Empty, target, depth + 1),
            _ => false,
        });
}
