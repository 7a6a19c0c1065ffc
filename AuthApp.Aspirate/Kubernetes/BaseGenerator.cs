using AuthApp.Aspirate.Manifest;
using k8s.Models;

namespace AuthApp.Aspirate.Kubernetes;

/// <summary>
/// <c>base/</c>: Aspirate's per-resource folders (workload, service, kustomization with a <c>&lt;name&gt;-env</c>
/// ConfigMap), plus the namespace, a default-deny NetworkPolicy, one policy per reachable resource and the nightly
/// database backup.
/// Secrets are only referenced here; the overlays supply them.
/// </summary>
internal sealed class BaseGenerator(ModelTopology topology, KubernetesPublishingOptions options)
{
    public void Generate(GeneratedFiles files)
    {
        var containers = new ContainerFactory(topology, options);
        var workloads = new WorkloadFactory(topology, containers);
        var backup = new BackupCronJob(topology, containers);
        var networking = new NetworkingFactory(topology, backup.Name);
        var folders = new List<string>();

        foreach (var resource in topology.Workloads)
        {
            var resources = new List<string>();
            var (fileName, workload) = workloads.Create(resource);
            files.AddYaml($"base/{resource.Name}/{fileName}", workload);
            resources.Add(fileName);
            if (PublishedResource.Endpoints(resource).Count > 0)
            {
                files.AddYaml($"base/{resource.Name}/service.yaml", NetworkingFactory.Service(resource));
                resources.Add("service.yaml");
            }

            if (networking.AllowReferrers(resource) is { } policy)
            {
                files.AddYaml($"base/{resource.Name}/network-policy.yaml", policy);
                resources.Add("network-policy.yaml");
            }

            AddKustomization(files, containers, resource, resources);
            folders.Add(resource.Name);
        }

        foreach (var step in topology.InitSteps)
        {
            AddKustomization(files, containers, step, []);
            folders.Add(step.Name);
        }

        backup.Generate(files);
        if (backup.Name is { } backupFolder) folders.Add(backupFolder);

        files.AddYaml("base/namespace.yaml", Namespace());
        files.AddYaml("base/network-policy.yaml", NetworkingFactory.DefaultDeny());
        files.AddYaml("base/kustomization.yaml", new Kustomization
        {
            Namespace = options.Namespace,
            Resources = ["namespace.yaml", "network-policy.yaml", .. folders],
        });
    }

    private static void AddKustomization(GeneratedFiles files, ContainerFactory containers, ManifestWorkload resource, List<string> resources)
    {
        var settings = containers.PlainSettings(resource);
        files.AddYaml($"base/{resource.Name}/kustomization.yaml", new Kustomization
        {
            Resources = resources.Count > 0 ? resources : null,
            ConfigMapGenerator = settings.Count > 0
                ? [new KustomizeResourceGenerator { Name = resource.Name + ContainerFactory.ConfigMapSuffix, Literals = [.. settings.Select(s => $"{s.Key}={s.Value}")] }]
                : null,
        });
    }

    // Every pod here meets the "restricted" Pod Security Standard, so the namespace enforces it.
    private V1Namespace Namespace() => new()
    {
        ApiVersion = "v1",
        Kind = "Namespace",
        Metadata = new V1ObjectMeta
        {
            Name = options.Namespace,
            Labels = new Dictionary<string, string>
            {
                ["pod-security.kubernetes.io/enforce"] = "restricted",
                ["pod-security.kubernetes.io/warn"] = "restricted",
            },
        },
    };
}
