using AuthApp.Hosting.ApplicationModel;
using AuthApp.Hosting.Resources;
using k8s.Models;

namespace AuthApp.Hosting.Publishing.Kubernetes;

/// <summary>Requests and limits per resource kind, sized for a small cluster (a minikube VM, a B-series node).</summary>
internal static class ResourceLimits
{
    public static V1ResourceRequirements For(IResource resource) => resource switch
    {
        PostgresServerResource => Create("100m", "256Mi", "1", "1Gi"),
        RedisResource => Create("50m", "64Mi", "500m", "256Mi"),
        _ => Create("100m", "192Mi", "1", "512Mi"),
    };

    /// <summary>Size of a resource's data volume.</summary>
    public static string Storage(IResource resource) => resource is PostgresServerResource ? "2Gi" : "1Gi";

    private static V1ResourceRequirements Create(string cpuRequest, string memoryRequest, string cpuLimit, string memoryLimit) => new()
    {
        Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpuRequest), ["memory"] = new(memoryRequest) },
        Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpuLimit), ["memory"] = new(memoryLimit) },
    };
}
