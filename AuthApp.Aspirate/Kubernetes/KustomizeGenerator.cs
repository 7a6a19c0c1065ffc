namespace AuthApp.Hosting.Publishing.Kubernetes;

/// <summary><c>generate</c>: the whole Kustomize tree (base and overlays) from the model, deterministically.</summary>
internal sealed class KustomizeGenerator(DistributedApplicationModel model)
{
    public GeneratedFiles Generate(KubernetesPublishingOptions options)
    {
        var topology = new ModelTopology(model);
        var files = new GeneratedFiles();
        new BaseGenerator(topology, options).Generate(files);
        new MinikubeOverlay(topology, options).Generate(files);
        new AksOverlay(topology, options).Generate(files);
        return files;
    }
}
