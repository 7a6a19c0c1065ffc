using AuthApp.Aspirate.Manifest;

namespace AuthApp.Aspirate.Kubernetes;

/// <summary><c>generate</c>: the whole Kustomize tree (base and overlays) from the manifest, deterministically.</summary>
internal sealed class KustomizeGenerator(AspireManifest manifest)
{
    public GeneratedFiles Generate(KubernetesPublishingOptions options)
    {
        var topology = new ModelTopology(manifest);
        var files = new GeneratedFiles();
        new BaseGenerator(topology, options).Generate(files);
        new MinikubeOverlay(topology, options).Generate(files);
        new AksOverlay(topology, options).Generate(files);
        return files;
    }
}
