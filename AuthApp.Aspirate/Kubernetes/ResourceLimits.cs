using AuthApp.Aspirate.Manifest;
using k8s.Models;

namespace AuthApp.Aspirate.Kubernetes;

/// <summary>Requests and limits per workload kind, sized for a small cluster (a minikube VM, a B-series node).</summary>
internal static class ResourceLimits
{
    public static V1ResourceRequirements For(ManifestWorkload workload) => PublishedResource.Kind(workload) switch
    {
        ServerKind.Postgres => Create("100m", "256Mi", "1", "1Gi"),
        ServerKind.Redis => Create("50m", "64Mi", "500m", "256Mi"),
        _ => Create("100m", "192Mi", "1", "512Mi"),
    };

    /// <summary>Size of a workload's data volume.</summary>
    public static string Storage(ManifestWorkload workload) => PublishedResource.Kind(workload) == ServerKind.Postgres ? "2Gi" : "1Gi";

    private static V1ResourceRequirements Create(string cpuRequest, string memoryRequest, string cpuLimit, string memoryLimit) => new()
    {
        Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpuRequest), ["memory"] = new(memoryRequest) },
        Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpuLimit), ["memory"] = new(memoryLimit) },
    };
}
