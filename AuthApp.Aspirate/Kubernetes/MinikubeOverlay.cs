using System.Text;
using AuthApp.Aspirate.Manifest;
using k8s.Models;

namespace AuthApp.Aspirate.Kubernetes;

/// <summary>
/// <c>overlays/minikube/</c>: secrets from a git-ignored <c>.env</c>, the <c>standard</c> storage class, an nginx
/// Ingress for <c>*.books.test</c> over https (the issuer wiring of <see cref="MinikubeIssuer"/>), images loaded
/// with <c>minikube image load</c> (never pulled), and an opt-in
/// Component (used by <c>overlays/minikube-node-ports/</c>) exposing Postgres and Redis on node ports.
/// </summary>
internal sealed class MinikubeOverlay(ModelTopology topology, KubernetesPublishingOptions options)
{
    public const string Domain = "books.test";
    private const string Folder = "overlays/minikube";

    public void Generate(GeneratedFiles files)
    {
        var parts = new OverlayParts(topology, options);
        files.AddYaml($"{Folder}/ingress.yaml", parts.Ingress("nginx", Domain, tlsSecretName: MinikubeIssuer.TlsSecretName));
        files.AddYaml($"{Folder}/network-policy.yaml", new NetworkingFactory(topology).AllowIngressController("ingress-nginx"));
        files.Add($"{Folder}/.env.example", EnvExample());

        var pullNever = topology.Workloads.OfType<ManifestProject>().Select(p => OverlayParts.Patch(
            OverlayParts.Kind(p),
            p.Name,
            [.. topology.InitStepsOf(p).Select((_, i) => JsonPatchOperation.Add($"/spec/template/spec/initContainers/{i}/imagePullPolicy", "Never")),
             JsonPatchOperation.Add("/spec/template/spec/containers/0/imagePullPolicy", "Never")]));
        var api = topology.ExternalProjects.FirstOrDefault(p => p.Name == "api");
        files.AddYaml($"{Folder}/kustomization.yaml", new Kustomization
        {
            // The Secrets generated here belong with the workloads that read them.
            Namespace = options.Namespace,
            Resources = ["../../base", "ingress.yaml", "network-policy.yaml"],
            // Kustomize does not rewrite base's references to a hashed name generated in an overlay, so the
            // Secret keeps its plain name (as Aspirate's do); after editing .env, restart the workloads.
            SecretGenerator =
            [
                new KustomizeResourceGenerator
                {
                    Name = options.SecretName,
                    Envs = [".env"],
                    Options = new KustomizeGeneratorOptions { DisableNameSuffixHash = true },
                },
                MinikubeIssuer.TlsSecret(),
            ],
            ConfigMapGenerator = api is null ? null : [MinikubeIssuer.IssuerSetting(parts.Host(api, Domain))],
            Patches = [.. parts.StorageClass("standard"), .. pullNever],
        });
        MinikubeIssuer.GenerateClusterAccess(files, Folder);

        GenerateNodePorts(files);
    }

    private void GenerateNodePorts(GeneratedFiles files)
    {
        const string component = $"{Folder}/components/node-ports";
        var servers = topology.Workloads.OfType<ManifestContainer>().ToList();
        var resources = new List<string>();
        foreach (var server in servers)
        {
            var service = NetworkingFactory.Service(server);
            service.Metadata.Name = $"{server.Name}-node-port";
            service.Spec.Type = "NodePort";
            foreach (var port in service.Spec.Ports)
            {
                // 30432 for Postgres, 30379 for Redis: the last three digits of the server port.
                port.NodePort = 30000 + (port.Port % 1000);
            }

            files.AddYaml($"{component}/{server.Name}-node-port.yaml", service);
            resources.Add($"{server.Name}-node-port.yaml");
        }

        files.AddYaml($"{component}/network-policy.yaml", new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "NetworkPolicy",
            Metadata = new V1ObjectMeta { Name = "allow-node-ports" },
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector
                {
                    MatchExpressions = [new V1LabelSelectorRequirement { Key = WorkloadFactory.AppLabel, OperatorProperty = "In", Values = [.. servers.Select(s => s.Name)] }],
                },
                PolicyTypes = ["Ingress"],
                Ingress = [new V1NetworkPolicyIngressRule
                {
                    Ports = [.. servers.SelectMany(s => PublishedResource.Endpoints(s).Select(e => new V1NetworkPolicyPort { Port = KubernetesValueResolver.Port(s, e), Protocol = "TCP" }))],
                }],
            },
        });
        resources.Add("network-policy.yaml");

        var componentKustomization = Kustomization.Component();
        componentKustomization.Resources = resources;
        files.AddYaml($"{component}/kustomization.yaml", componentKustomization);
        files.AddYaml("overlays/minikube-node-ports/kustomization.yaml", new Kustomization
        {
            Resources = ["../minikube"],
            Components = ["../minikube/components/node-ports"],
        });
    }

    private string EnvExample()
    {
        var text = new StringBuilder()
            .Append("# Copy to .env (git-ignored) and fill in every value; the overlay turns it into the Secret ")
            .Append(options.SecretName).Append(".\n")
            .Append("# Letters and digits only: the *_URI settings carry them without URI encoding. E.g.: openssl rand -hex 32\n");
        foreach (var parameter in topology.SecretParameters)
        {
            var minLength = parameter.MinLength ?? 1;
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"# {parameter.Name}: at least {minLength} characters\n{parameter.Name}=\n");
        }

        return text.ToString();
    }
}
