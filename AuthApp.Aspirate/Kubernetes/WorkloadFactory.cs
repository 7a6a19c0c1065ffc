using AuthApp.Aspirate.Manifest;
using k8s.Models;

namespace AuthApp.Aspirate.Kubernetes;

/// <summary>
/// A resource with a data volume becomes a StatefulSet with a volume claim template (Aspirate's layout);
/// any other becomes a Deployment. Init steps (the migration) run first inside the waiting pod.
/// </summary>
internal sealed class WorkloadFactory(ModelTopology topology, ContainerFactory containers)
{
    public const string AppLabel = "app";

    public static Dictionary<string, string> Labels(ManifestWorkload resource) => new(StringComparer.Ordinal) { [AppLabel] = resource.Name };

    /// <summary>The workload object and its file name.</summary>
    public (string FileName, object Workload) Create(ManifestWorkload resource)
    {
        var template = PodTemplate(resource);
        var metadata = new V1ObjectMeta { Name = resource.Name, Labels = Labels(resource) };
        var selector = new V1LabelSelector { MatchLabels = Labels(resource) };
        if (PodVolumes.Data(resource) is not null)
        {
            return ("statefulset.yaml", new V1StatefulSet
            {
                ApiVersion = "apps/v1",
                Kind = "StatefulSet",
                Metadata = metadata,
                Spec = new V1StatefulSetSpec
                {
                    ServiceName = resource.Name,
                    Replicas = 1,
                    Selector = selector,
                    Template = template,
                    VolumeClaimTemplates = [PodVolumes.ClaimTemplate(resource)],
                },
            });
        }

        return ("deployment.yaml", new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = metadata,
            Spec = new V1DeploymentSpec { Replicas = 1, Selector = selector, Template = template },
        });
    }

    private V1PodTemplateSpec PodTemplate(ManifestWorkload resource)
    {
        var initSteps = topology.InitStepsOf(resource);
        var volumes = PodVolumes.EmptyDirs(resource);
        foreach (var step in initSteps)
        {
            volumes.AddRange(PodVolumes.EmptyDirs(step).Where(v => volumes.All(existing => existing.Name != v.Name)));
        }

        return new V1PodTemplateSpec
        {
            Metadata = new V1ObjectMeta { Labels = Labels(resource) },
            Spec = new V1PodSpec
            {
                // No workload talks to the Kubernetes API; service links would leak REDIS_PORT-style variables.
                AutomountServiceAccountToken = false,
                EnableServiceLinks = false,
                SecurityContext = Hardening.Pod(resource, PodVolumes.Data(resource) is not null),
                InitContainers = initSteps.Count > 0 ? [.. initSteps.Select(s => containers.Create(s, isInitStep: true))] : null,
                Containers = [containers.Create(resource)],
                Volumes = volumes,
            },
        };
    }
}
