namespace AuthApp.Aspirate.Kubernetes;

/// <summary>
/// <c>overlays/aks/flux/</c>: a Flux GitRepository and Kustomization (v1 APIs) that keep a cluster in step with
/// the AKS overlay in Git. Not part of the overlay's resources: applied once by hand when GitOps is wanted.
/// </summary>
internal sealed class FluxManifests
{
    public const string SettingsConfigMap = "authapp-aks-settings";

    public void Generate(GeneratedFiles files)
    {
        var metadata = new CustomResourceMetadata { Name = "authapp", Namespace = "flux-system" };
        files.AddYaml($"{AksOverlay.Folder}/flux/git-repository.yaml", new FluxResource<GitRepositorySpec>
        {
            ApiVersion = "source.toolkit.fluxcd.io/v1",
            Kind = "GitRepository",
            Metadata = metadata,
            Spec = new GitRepositorySpec
            {
                Interval = "5m",
                Url = "https://github.com/your-org/authapp",
                Ref = new Dictionary<string, string> { ["branch"] = "main" },
            },
        });
        files.AddYaml($"{AksOverlay.Folder}/flux/flux-kustomization.yaml", new FluxResource<FluxKustomizationSpec>
        {
            ApiVersion = "kustomize.toolkit.fluxcd.io/v1",
            Kind = "Kustomization",
            Metadata = metadata,
            Spec = new FluxKustomizationSpec
            {
                Interval = "10m",
                Path = "./aspirate-output/" + AksOverlay.Folder,
                Prune = true,
                Wait = true,
                Timeout = "10m",
                SourceRef = new FluxSourceReference { Kind = "GitRepository", Name = "authapp" },

                // The overlay's ${NAME} placeholders are filled from this ConfigMap (see aspirate-output/README.md).
                PostBuild = new FluxPostBuild { SubstituteFrom = [new FluxSubstituteReference { Kind = "ConfigMap", Name = SettingsConfigMap }] },
            },
        });
    }
}
