using AuthApp.Aspirate.Manifest;
using k8s;
using k8s.Models;

namespace AuthApp.Aspirate.Kubernetes;

/// <summary>
/// <c>overlays/aks/</c>: secrets from Azure Key Vault through the Secrets Store CSI driver and workload identity
/// (no Secret generator), <c>managed-csi</c> storage, the application routing Ingress with TLS, two replicas
/// with a PodDisruptionBudget and a HorizontalPodAutoscaler per project, images from ACR.
/// Values only known per installation are <c>${NAME}</c> placeholders (Flux's post-build substitution syntax).
/// </summary>
internal sealed class AksOverlay(ModelTopology topology, KubernetesPublishingOptions options)
{
    public const string Folder = "overlays/aks";
    public const string ServiceAccountName = "authapp";
    public const string SecretProviderClassName = "authapp-keyvault";

    public void Generate(GeneratedFiles files)
    {
        var parts = new OverlayParts(topology, options);
        var resources = new List<string> { "../../base", "service-account.yaml", "secret-provider-class.yaml", "ingress.yaml", "network-policy.yaml" };
        files.AddYaml($"{Folder}/service-account.yaml", new V1ServiceAccount
        {
            ApiVersion = "v1",
            Kind = "ServiceAccount",
            Metadata = new V1ObjectMeta
            {
                Name = ServiceAccountName,
                Annotations = new Dictionary<string, string> { ["azure.workload.identity/client-id"] = "${WORKLOAD_IDENTITY_CLIENT_ID}" },
            },
            AutomountServiceAccountToken = false,
        });
        files.AddYaml($"{Folder}/secret-provider-class.yaml", SecretProviderClass());
        files.AddYaml($"{Folder}/ingress.yaml", parts.Ingress(
            "webapprouting.kubernetes.azure.com",
            "${DNS_ZONE}",
            new Dictionary<string, string> { ["kubernetes.azure.com/tls-cert-keyvault-uri"] = "${TLS_CERT_KEYVAULT_URI}" },
            tlsSecretName: "keyvault-authapp"));
        files.AddYaml($"{Folder}/network-policy.yaml", new NetworkingFactory(topology).AllowIngressController("app-routing-system"));

        var projects = topology.Workloads.OfType<ManifestProject>().ToList();
        foreach (var project in projects)
        {
            files.AddYaml($"{Folder}/{project.Name}-pdb.yaml", Scaling.DisruptionBudget(project));
            files.AddYaml($"{Folder}/{project.Name}-hpa.yaml", Scaling.Autoscaler(project));
            resources.AddRange([$"{project.Name}-pdb.yaml", $"{project.Name}-hpa.yaml"]);
        }

        var containers = new ContainerFactory(topology, options);
        var backup = new BackupCronJob(topology, containers).Name;
        files.AddYaml($"{Folder}/kustomization.yaml", new Kustomization
        {
            Resources = resources,
            Images = [.. projects.Select(p => topology.ImageRepository(p)).Distinct().Select(repository => new KustomizeImage
            {
                Name = containers.ProjectImageName(repository),
                NewName = $"${{ACR_NAME}}.azurecr.io/{repository}",
            })],
            Patches =
            [
                .. parts.StorageClass("managed-csi"),
                .. topology.Workloads.Select(w => WorkloadIdentity(OverlayParts.Kind(w), w.Name, "/spec/template", w is ManifestContainer)),
                // The backup reads the postgres password like the server does; its shell variables are not Flux's to fill.
                .. backup is null ? [] : new[]
                {
                    WorkloadIdentity("CronJob", backup, "/spec/jobTemplate/spec/template", shellVariables: true),
                },
                .. projects.Select(p => OverlayParts.Patch("Deployment", p.Name, JsonPatchOperation.Add("/spec/replicas", Scaling.MinReplicas))),
                // The services read the mount as their secret folder: a rotated vault secret reaches them without a restart.
                .. projects.Select(p => OverlayParts.Patch("Deployment", p.Name, JsonPatchOperation.Add(
                    "/spec/template/spec/containers/0/env/-", new V1EnvVar { Name = "Secrets__Directory", Value = SecretFiles.MountPath }))),
            ],
        });

        new FluxManifests().Generate(files);
    }

    private static KustomizePatch WorkloadIdentity(string kind, string name, string template, bool shellVariables)
    {
        var operations = new List<JsonPatchOperation>
        {
            JsonPatchOperation.Add($"{template}/metadata/labels/azure.workload.identity~1use", "true"),
            JsonPatchOperation.Add($"{template}/spec/serviceAccountName", ServiceAccountName),
            JsonPatchOperation.Add($"{template}/spec/volumes/-", new V1Volume
            {
                Name = "secrets-store",
                Csi = new V1CSIVolumeSource
                {
                    Driver = "secrets-store.csi.k8s.io",
                    ReadOnlyProperty = true,
                    VolumeAttributes = new Dictionary<string, string> { ["secretProviderClass"] = SecretProviderClassName },
                },
            }),

            // Mounting the volume is what makes the driver fetch the secrets and sync the Kubernetes Secret.
            JsonPatchOperation.Add($"{template}/spec/containers/0/volumeMounts/-", new V1VolumeMount
            {
                Name = "secrets-store",
                MountPath = SecretFiles.MountPath,
                ReadOnlyProperty = true,
            }),
        };
        if (shellVariables)
        {
            // Their shell arguments use $REDIS_PASSWORD-style variables Flux must not substitute.
            operations.Add(JsonPatchOperation.Add("/metadata/annotations", new Dictionary<string, string> { ["kustomize.toolkit.fluxcd.io/substitute"] = "disabled" }));
        }

        return OverlayParts.Patch(kind, name, [.. operations]);
    }

    private SecretProviderClass SecretProviderClass()
    {
        var names = topology.SecretParameters.Select(p => p.Name).ToList();
        var objects = new KeyVaultObjectArray
        {
            Array = [.. names.Select(n => KubernetesYaml.Serialize(new KeyVaultObject { ObjectName = n, ObjectAlias = SecretFiles.ByParameter.GetValueOrDefault(n) }) + "\n")],
        };
        return new SecretProviderClass
        {
            Metadata = new CustomResourceMetadata { Name = SecretProviderClassName },
            Spec = new SecretProviderClassSpec
            {
                Provider = "azure",
                Parameters = new Dictionary<string, string>
                {
                    ["usePodIdentity"] = "false",
                    ["clientID"] = "${WORKLOAD_IDENTITY_CLIENT_ID}",
                    ["keyvaultName"] = "${KEYVAULT_NAME}",
                    ["tenantId"] = "${AZURE_TENANT_ID}",
                    ["objects"] = KubernetesYaml.Serialize(objects),
                },
                SecretObjects = [new SyncedSecret
                {
                    SecretName = options.SecretName,
                    // The synced Secret names mounted files, so aliased objects go by their alias.
                    Data = [.. names.Select(n => new SyncedSecretKey { ObjectName = SecretFiles.FileOf(n), Key = n })],
                }],
            },
        };
    }
}
