using AuthApp.Aspirate.Manifest;

namespace AuthApp.Aspirate.Kubernetes;

/// <summary>The kinds of server container that get their own probes, users, limits and scratch folders.</summary>
internal enum ServerKind
{
    /// <summary>Any other container, or a project.</summary>
    Other,

    /// <summary>The official <c>postgres</c> image.</summary>
    Postgres,

    /// <summary>The official <c>redis</c> image.</summary>
    Redis,
}

/// <summary>
/// What a manifest workload is in the cluster. The manifest has no resource kinds beyond container and project,
/// so Postgres and Redis are recognised by their image; a project serves only its http endpoint (on 8080), because
/// TLS ends at the Ingress.
/// </summary>
internal static class PublishedResource
{
    /// <summary>Endpoints served inside the cluster, in manifest order.</summary>
    public static IReadOnlyList<ManifestBinding> Endpoints(ManifestWorkload workload) => workload is ManifestProject
        ? [.. workload.Bindings.Where(b => b.Scheme == "http")]
        : workload.Bindings;

    public static bool IsServed(ManifestWorkload workload, ManifestBinding binding) => Endpoints(workload).Contains(binding);

    public static ServerKind Kind(ManifestWorkload workload) => workload is ManifestContainer container
        ? ImageName(container.Image) switch
        {
            "postgres" => ServerKind.Postgres,
            "redis" => ServerKind.Redis,
            _ => ServerKind.Other,
        }
        : ServerKind.Other;

    /// <summary>A literal environment value of the workload (e.g. <c>POSTGRES_USER</c>), if it has one.</summary>
    public static string? LiteralEnv(ManifestWorkload workload, string name) =>
        workload.Env.Where(e => e.Key == name && !e.Value.Contains('{', StringComparison.Ordinal)).Select(e => e.Value).FirstOrDefault();

    /// <summary><c>docker.io/library/postgres:18.3</c> → <c>postgres</c>.</summary>
    private static string ImageName(string image)
    {
        var withoutDigest = image.Split('@')[0];
        var lastSegment = withoutDigest[(withoutDigest.LastIndexOf('/') + 1)..];
        return lastSegment.Split(':')[0];
    }
}
