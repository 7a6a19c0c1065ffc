using System.Text.Json;
using k8s.Models;

namespace AuthApp.Tests.Publishing;

public sealed class ContainerPublishingTests
{
    [Fact]
    public async Task EachProjectImageIsBuiltUnderTheNameTheManifestsUseFromAChiseledNonRootBase()
    {
        var projectPaths = await ProjectPathsAsync();
        var rendered = await RenderedOverlay.RenderAsync(Path.Combine(RepositoryPaths.AspirateOutput, "base"));
        var checkedProjects = new List<string>();

        foreach (var deployment in rendered.OfType<V1Deployment>())
        {
            // AuthApp.Web arrives on another branch; every project present in this checkout is checked.
            var project = projectPaths[deployment.Metadata.Name];
            if (!File.Exists(project))
            {
                continue;
            }

            var properties = await EvaluateAsync(project);
            Assert.Equal(deployment.Spec.Template.Spec.Containers[0].Image, $"{properties["ContainerRepository"]}:{properties["ContainerImageTag"]}");
            Assert.EndsWith("-chiseled", properties["ContainerBaseImage"], StringComparison.Ordinal);
            Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", properties["ContainerBaseImage"], StringComparison.Ordinal);
            Assert.Equal("app", properties["ContainerUser"]);
            Assert.Equal("8080", properties["ContainerPort"]);
            checkedProjects.Add(deployment.Metadata.Name);
        }

        Assert.Contains("api", checkedProjects);
    }

    private static async Task<Dictionary<string, string>> ProjectPathsAsync()
    {
        using var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(RepositoryPaths.CommittedManifest, TestContext.Current.CancellationToken));
        return manifest.RootElement.GetProperty("resources").EnumerateObject()
            .Where(r => r.Value.GetProperty("type").GetString() == "project.v0")
            .ToDictionary(r => r.Name, r => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(RepositoryPaths.CommittedManifest)!, r.Value.GetProperty("path").GetString()!)));
    }

    private static async Task<Dictionary<string, string>> EvaluateAsync(string project)
    {
        var result = await ProcessRunner.RunAsync(ProcessRunner.Dotnet, [
            "msbuild", project, "-getProperty:ContainerRepository", "-getProperty:ContainerImageTag",
            "-getProperty:ContainerBaseImage", "-getProperty:ContainerUser", "-getItem:ContainerPort"]);
        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        using var json = JsonDocument.Parse(result.Output);
        var values = json.RootElement.GetProperty("Properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        values["ContainerPort"] = json.RootElement.GetProperty("Items").GetProperty("ContainerPort").EnumerateArray().Single().GetProperty("Identity").GetString()!;
        return values;
    }
}
