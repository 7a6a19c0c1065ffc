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

        var result = await ProcessRunner.AspirateAsync(["generate", "--aspire-manifest", RepositoryPaths.CommittedManifest, "--output-path", temp.Path]);

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
                $"{file} differs from what generate writes; run: dotnet run --project AuthApp.Aspirate -- generate -m AuthApp.AppHost/aspire-manifest.json");
        }
    }

    [Fact]
    public async Task GenerateTwiceWritesTheSameBytes()
    {
        using var temp = new TempFolder();
        var first = Path.Combine(temp.Path, "first");
        var second = Path.Combine(temp.Path, "second");

        await ProcessRunner.AspirateAsync(["generate", "--aspire-manifest", RepositoryPaths.CommittedManifest, "--output-path", first]);
        await ProcessRunner.AspirateAsync(["generate", "--aspire-manifest", RepositoryPaths.CommittedManifest, "--output-path", second]);

        var files = Files(first);
        Assert.NotEmpty(files);
        Assert.Equal(files, Files(second));
        Assert.All(files, f => Assert.Equal(File.ReadAllBytes(Path.Combine(first, f)), File.ReadAllBytes(Path.Combine(second, f))));
    }

    [Fact]
    public async Task GenerateRemovesWhatTheManifestNoLongerProducesButKeepsTheUsersEnvFile()
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

        var result = await ProcessRunner.AspirateAsync(["generate", "--aspire-manifest", RepositoryPaths.CommittedManifest, "--output-path", temp.Path]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.False(Directory.Exists(Path.GetDirectoryName(stale)));
        Assert.Equal("kept?", await File.ReadAllTextAsync(env, TestContext.Current.CancellationToken));
        Assert.Equal("kept?", await File.ReadAllTextAsync(readme, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task GenerateOptionsSetNamespaceRegistryTagAndPullPolicy()
    {
        using var temp = new TempFolder();

        var result = await ProcessRunner.AspirateAsync([
            "generate", "-m", RepositoryPaths.CommittedManifest, "-o", temp.Path, "--namespace", "books", "--container-registry", "registry.example/authapp",
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

        var result = await ProcessRunner.AspirateAsync(["generate", "--aspire-manifest", RepositoryPaths.CommittedManifest, "--output-path", temp.Path, "--image-pull-policy", "Sometimes"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Sometimes", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task GenerateWithoutAManifestRunsTheAppHostAndNamesAMissingOne()
    {
        using var temp = new TempFolder();

        var result = await ProcessRunner.AspirateAsync(["generate", "--project-path", Path.Combine(temp.Path, "NoAppHost"), "-o", Path.Combine(temp.Path, "out")]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("NoAppHost does not exist; pass --project-path or --aspire-manifest", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "out")));
    }

    [Fact]
    public async Task AManifestWithAResourceTheClusterCannotRunIsRefusedByNameAndNothingIsWritten()
    {
        using var temp = new TempFolder();
        var manifest = Path.Combine(temp.Path, "aspire-manifest.json");
        await File.WriteAllTextAsync(manifest, """{"resources": {"worker": {"type": "executable.v0", "command": "worker"}}}""", TestContext.Current.CancellationToken);

        var result = await ProcessRunner.AspirateAsync(["generate", "-m", manifest, "-o", Path.Combine(temp.Path, "out")]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: Resource 'worker' has type 'executable.v0'", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "out")));
    }

    private static List<string> Files(string root) => [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
        .Order(StringComparer.Ordinal)];
}
