using AuthApp.Aspirate.Manifest;
using k8s.Models;

namespace AuthApp.Aspirate.Kubernetes;

/// <summary>Services and NetworkPolicies. Who may reach a resource follows the model's references.</summary>
internal sealed class NetworkingFactory(ModelTopology topology, string? backupJob = null)
{
    public static V1Service Service(ManifestWorkload resource) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta { Name = resource.Name, Labels = WorkloadFactory.Labels(resource) },
        Spec = new V1ServiceSpec
        {
            Type = "ClusterIP",
            Selector = WorkloadFactory.Labels(resource),
            Ports = [.. PublishedResource.Endpoints(resource).Select(e => new V1ServicePort
            {
                Name = e.Name,
                Port = KubernetesValueResolver.Port(resource, e),
                TargetPort = e.Name,
                Protocol = "TCP",
            })],
        },
    };

    /// <summary>Denies all ingress to every pod of the namespace; each resource then opens what it needs.</summary>
    public static V1NetworkPolicy DefaultDeny() => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "NetworkPolicy",
        Metadata = new V1ObjectMeta { Name = "default-deny-ingress" },
        Spec = new V1NetworkPolicySpec { PodSelector = new V1LabelSelector(), PolicyTypes = ["Ingress"] },
    };

    /// <summary>Lets the pods that reference <paramref name="resource"/> reach its ports; <c>null</c> when none does.</summary>
    public V1NetworkPolicy? AllowReferrers(ManifestWorkload resource)
    {
        var referrers = topology.PodsReaching(resource).Where(p => p != resource).Select(WorkloadFactory.Labels).ToList();
        // The backup CronJob is not in the model; PostgreSQL admits its pods too (pg_dump).
        if (backupJob is not null && PublishedResource.Kind(resource) == ServerKind.Postgres) referrers.Add(BackupCronJob.Labels(backupJob));
        if (referrers.Count == 0)
        {
            return null;
        }

        return new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "NetworkPolicy",
            Metadata = new V1ObjectMeta { Name = resource.Name },
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector { MatchLabels = WorkloadFactory.Labels(resource) },
                PolicyTypes = ["Ingress"],
                Ingress =
                [
                    new V1NetworkPolicyIngressRule
                    {
                        FromProperty = [.. referrers.Select(r => new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = r } })],
                        Ports = [.. PublishedResource.Endpoints(resource).Select(e => new V1NetworkPolicyPort { Port = KubernetesValueResolver.Port(resource, e), Protocol = "TCP" })],
                    },
                ],
            },
        };
    }

    /// <summary>Lets the ingress controller (in <paramref name="controllerNamespace"/>) reach the external projects.</summary>
    public V1NetworkPolicy AllowIngressController(string controllerNamespace) => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "NetworkPolicy",
        Metadata = new V1ObjectMeta { Name = "allow-ingress-controller" },
        Spec = new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector
            {
                MatchExpressions = [new V1LabelSelectorRequirement
                {
                    Key = WorkloadFactory.AppLabel,
                    OperatorProperty = "In",
                    Values = [.. topology.ExternalProjects.Select(p => p.Name)],
                }],
            },
            PolicyTypes = ["Ingress"],
            Ingress =
            [
                new V1NetworkPolicyIngressRule
                {
                    FromProperty = [new V1NetworkPolicyPeer
                    {
                        NamespaceSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = controllerNamespace } },
                    }],
                    Ports = [new V1NetworkPolicyPort { Port = KubernetesPublishingOptions.ProjectPort, Protocol = "TCP" }],
                },
            ],
        },
    };
}
