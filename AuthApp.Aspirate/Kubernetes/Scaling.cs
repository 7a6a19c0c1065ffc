using AuthApp.Aspirate.Manifest;
using k8s.Models;

namespace AuthApp.Aspirate.Kubernetes;

/// <summary>AKS availability for the projects: at least two replicas, one may be disrupted, CPU-based autoscaling.</summary>
internal static class Scaling
{
    public const int MinReplicas = 2;
    public const int MaxReplicas = 5;

    public static V1PodDisruptionBudget DisruptionBudget(ManifestWorkload project) => new()
    {
        ApiVersion = "policy/v1",
        Kind = "PodDisruptionBudget",
        Metadata = new V1ObjectMeta { Name = project.Name },
        Spec = new V1PodDisruptionBudgetSpec
        {
            MinAvailable = 1,
            Selector = new V1LabelSelector { MatchLabels = WorkloadFactory.Labels(project) },
        },
    };

    public static V2HorizontalPodAutoscaler Autoscaler(ManifestWorkload project) => new()
    {
        ApiVersion = "autoscaling/v2",
        Kind = "HorizontalPodAutoscaler",
        Metadata = new V1ObjectMeta { Name = project.Name },
        Spec = new V2HorizontalPodAutoscalerSpec
        {
            ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = project.Name },
            MinReplicas = MinReplicas,
            MaxReplicas = MaxReplicas,
            Metrics = [new V2MetricSpec
            {
                Type = "Resource",
                Resource = new V2ResourceMetricSource
                {
                    Name = "cpu",
                    Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = 70 },
                },
            }],
        },
    };
}
