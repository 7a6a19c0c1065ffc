using AuthApp.Aspirate.Manifest;
using k8s;
using k8s.Models;

namespace AuthApp.Aspirate.Kubernetes;

/// <summary>Pieces both overlays build the same way: the Ingress, storage-class and pod patches.</summary>
internal sealed class OverlayParts(ModelTopology topology, KubernetesPublishingOptions options)
{
    public string Host(ManifestWorkload resource, string domain) =>
        $"{options.IngressHostLabels.GetValueOrDefault(resource.Name, resource.Name)}.{domain}";

    /// <summary>One Ingress routing a host per external project to its Service.</summary>
    public V1Ingress Ingress(string className, string domain, IDictionary<string, string>? annotations = null, string? tlsSecretName = null)
    {
        var external = topology.ExternalProjects;
        return new V1Ingress
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "Ingress",
            Metadata = new V1ObjectMeta { Name = "authapp", Annotations = annotations },
            Spec = new V1IngressSpec
            {
                IngressClassName = className,
                Tls = tlsSecretName is null ? null : [new V1IngressTLS { Hosts = [.. external.Select(p => Host(p, domain))], SecretName = tlsSecretName }],
                Rules = [.. external.Select(p => new V1IngressRule
                {
                    Host = Host(p, domain),
                    Http = new V1HTTPIngressRuleValue
                    {
                        Paths = [new V1HTTPIngressPath
                        {
                            Path = "/",
                            PathType = "Prefix",
                            Backend = new V1IngressBackend
                            {
                                Service = new V1IngressServiceBackend { Name = p.Name, Port = new V1ServiceBackendPort { Name = "http" } },
                            },
                        }],
                    },
                })],
            },
        };
    }

    /// <summary>Sets the storage class of every StatefulSet's volume claim template.</summary>
    public IEnumerable<KustomizePatch> StorageClass(string storageClass) => topology.Workloads
        .Where(w => PodVolumes.Data(w) is not null)
        .Select(w => Patch("StatefulSet", w.Name, JsonPatchOperation.Add("/spec/volumeClaimTemplates/0/spec/storageClassName", storageClass)))
        .Concat(new BackupCronJob(topology, new ContainerFactory(topology, options)).Name is { } backup
            ? [Patch("PersistentVolumeClaim", backup, JsonPatchOperation.Add("/spec/storageClassName", storageClass))]
            : []);

    /// <summary>The workload kind of a resource.</summary>
    public static string Kind(ManifestWorkload workload) => PodVolumes.Data(workload) is null ? "Deployment" : "StatefulSet";

    public static KustomizePatch Patch(string kind, string name, params JsonPatchOperation[] operations) => new()
    {
        Target = new KustomizePatchTarget { Kind = kind, Name = name },
        Patch = KubernetesYaml.Serialize(operations),
    };
}
