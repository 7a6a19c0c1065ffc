using k8s;
using k8s.Models;

namespace AuthApp.Tests.Publishing;

public sealed class KustomizeGenerationTests
{
    // Written by hand, not by generate: the walkthrough and the Azure infrastructure.
    private static readonly string[] HandWritten = ["README.md", "infra/"];

    [Fact]
    public async Task CommittedAspirateOutputIsExactlyWhatGenerateWrites()
    {
        using var temp = new TempFolder();

        var result = await ProcessRunner.AppHostAsync(["generate", "--output-path", temp.Path]);

        Assert.True(result.ExitCode == 0, result.Error);
        var generated = Files(temp.Path);
        var committed = Files(RepositoryPaths.AspirateOutput)
            .Where(f => !HandWritten.Any(h => f.StartsWith(h, StringComparison.Ordinal)) && !f.EndsWith("/.env", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(generated, committed);
        foreach (var file in generated)
        {
            Assert.True(
                await File.ReadAllTextAsync(Path.Combine(temp.Path, file), TestContext.Current.CancellationToken)
                == await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.AspirateOutput, file), TestContext.Current.CancellationToken),
                $"{file} differs from what generate writes; run: dotnet run --project AuthApp.AppHost -- generate");
        }
    }

    [Fact]
    public async Task GenerateTwiceWritesTheSameBytes()
    {
        using var temp = new TempFolder();
        var first = Path.Combine(temp.Path, "first");
        var second = Path.Combine(temp.Path, "second");

        await ProcessRunner.AppHostAsync(["generate", "--output-path", first]);
        await ProcessRunner.AppHostAsync(["generate", "--output-path", second]);

        var files = Files(first);
        Assert.NotEmpty(files);
        Assert.Equal(files, Files(second));
        Assert.All(files, f => Assert.Equal(File.ReadAllBytes(Path.Combine(first, f)), File.ReadAllBytes(Path.Combine(second, f))));
    }

    [Fact]
    public async Task GenerateRemovesWhatTheModelNoLongerProducesButKeepsTheUsersEnvFile()
    {
        using var temp = new TempFolder();
        var stale = Path.Combine(temp.Path, "base", "cache", "statefulset.yaml");
        var env = Path.Combine(temp.Path, "overlays", "minikube", ".env");
        var readme = Path.Combine(temp.Path, "README.md");
        foreach (var file in new[] { stale, env, readme })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, "kept?", TestContext.Current.CancellationToken);
        }

        var result = await ProcessRunner.AppHostAsync(["generate", "--output-path", temp.Path]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.False(Directory.Exists(Path.GetDirectoryName(stale)));
        Assert.Equal("kept?", await File.ReadAllTextAsync(env, TestContext.Current.CancellationToken));
        Assert.Equal("kept?", await File.ReadAllTextAsync(readme, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task GenerateOptionsSetNamespaceRegistryTagAndPullPolicy()
    {
        using var temp = new TempFolder();

        var result = await ProcessRunner.AppHostAsync([
            "generate", "--output-path", temp.Path, "--namespace", "books", "--container-registry", "registry.example/authapp",
            "--container-image-tag", "1.2.3", "--image-pull-policy", "Always", "--non-interactive"]);

        Assert.True(result.ExitCode == 0, result.Error);
        var api = KubernetesYaml.Deserialize<V1Deployment>(await File.ReadAllTextAsync(Path.Combine(temp.Path, "base/api/deployment.yaml"), TestContext.Current.CancellationToken), strict: true);
        Assert.Equal("registry.example/authapp/api:1.2.3", api.Spec.Template.Spec.Containers[0].Image);
        Assert.Equal("Always", api.Spec.Template.Spec.Containers[0].ImagePullPolicy);
        var rendered = await RenderedOverlay.RenderAsync(Path.Combine(temp.Path, "base"));
        Assert.Equal("books", Assert.Single(rendered.OfType<V1Namespace>()).Metadata.Name);
        Assert.All(rendered.OfType<V1Deployment>(), d => Assert.Equal("books", d.Metadata.NamespaceProperty));
        Assert.Contains("name: registry.example/authapp/api", await File.ReadAllTextAsync(Path.Combine(temp.Path, "overlays/aks/kustomization.yaml"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvalidPullPolicyIsRefusedByTheCommandLine()
    {
        using var temp = new TempFolder();

        var result = await ProcessRunner.AppHostAsync(["generate", "--output-path", temp.Path, "--image-pull-policy", "Sometimes"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Sometimes", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    private static List<string> Files(string root) => [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
        .Order(StringComparer.Ordinal)];
}
