using AuthApp.Aspirate.Kubernetes;
using k8s.Models;

namespace AuthApp.Tests.Publishing;

public sealed class KustomizeRenderTests
{
    public static TheoryData<string> Folders => ["base", "overlays/minikube", "overlays/minikube-node-ports", "overlays/aks"];

    [Theory]
    [MemberData(nameof(Folders))]
    public async Task EveryFolderRendersAndEveryObjectMatchesItsModelStrictly(string folder)
    {
        var rendered = await RenderedOverlay.RenderCommittedAsync(folder);

        Assert.NotEmpty(rendered.Objects);
        Assert.Equal(RenderedOverlay.SplitDocuments(rendered.Yaml).Count(), rendered.Objects.Count);
        Assert.Contains(rendered.Objects, o => o is V1Deployment);
        Assert.Contains(rendered.Objects, o => o is V1StatefulSet);
    }

    [Fact]
    public void StrictReadingRefusesAnUnknownField()
    {
        const string document = "apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selectorr:\n    app: api\n";

        var error = Assert.Throws<InvalidOperationException>(() => RenderedOverlay.ReadStrictly(document));

        Assert.Contains("selectorr", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FluxObjectsAreValidV1ResourcesPointingAtTheAksOverlay()
    {
        var folder = Path.Combine(RepositoryPaths.AspirateOutput, "overlays", "aks", "flux");
        var objects = Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => RenderedOverlay.ReadStrictly(File.ReadAllText(f))).ToList();

        var source = Assert.Single(objects.OfType<FluxResource<GitRepositorySpec>>());
        var sync = Assert.Single(objects.OfType<FluxResource<FluxKustomizationSpec>>());
        Assert.Equal("source.toolkit.fluxcd.io/v1", source.ApiVersion);
        Assert.Equal("kustomize.toolkit.fluxcd.io/v1", sync.ApiVersion);
        Assert.Equal(source.Metadata.Name, sync.Spec.SourceRef.Name);
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, sync.Spec.Path, "kustomization.yaml")), $"{sync.Spec.Path} is not an overlay of this repository.");
        var aks = k8s.KubernetesYaml.Deserialize<Kustomization>(
            await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.AspirateOutput, "overlays", "aks", "kustomization.yaml"), TestContext.Current.CancellationToken),
            strict: true);
        Assert.DoesNotContain(aks.Resources!, r => r.StartsWith("flux", StringComparison.Ordinal));
    }
}
