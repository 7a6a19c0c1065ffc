using System.CommandLine;
using AuthApp.Aspirate.Kubernetes;
using AuthApp.Aspirate.Manifest;

namespace AuthApp.Aspirate.Cli;

/// <summary>
/// <c>generate</c>: reads the manifest (from <c>--aspire-manifest</c>, or by running the AppHost's manifest publisher
/// as Aspirate does) and writes <c>base/</c> and <c>overlays/</c>.
/// </summary>
internal sealed class GenerateCommand(RepositoryLayout layout, TextWriter output)
{
    public Command Create()
    {
        var defaults = new KubernetesPublishingOptions();
        var projectPath = new Option<string>("--project-path", "-p") { Description = "The AppHost project (default: AuthApp.AppHost in the repository)." };
        var manifestPath = new Option<string>("--aspire-manifest", "-m") { Description = "Read this aspire-manifest.json instead of running the AppHost." };
        var outputPath = new Option<string>("--output-path", "-o") { Description = "Folder to write base/ and overlays/ into (default: aspirate-output at the repository root)." };
        var ns = new Option<string>("--namespace") { Description = "Namespace to deploy into.", DefaultValueFactory = _ => defaults.Namespace };
        var pullPolicy = new Option<string>("--image-pull-policy") { Description = "Pull policy of the project images.", DefaultValueFactory = _ => defaults.ImagePullPolicy };
        pullPolicy.AcceptOnlyFromAmong("Always", "IfNotPresent", "Never");
        var registry = new Option<string?>("--container-registry") { Description = "Registry prefix of the project images, e.g. myacr.azurecr.io." };
        var tag = new Option<string>("--container-image-tag") { Description = "Tag of the project images.", DefaultValueFactory = _ => defaults.ContainerImageTag };
        var nonInteractive = new Option<bool>("--non-interactive") { Description = "Never prompt (generate never does: secrets come from .env or Key Vault)." };
        var command = new Command("generate", "Write Kustomize manifests (base/ and overlays/) from the Aspire manifest.")
        {
            projectPath, manifestPath, outputPath, ns, pullPolicy, registry, tag, nonInteractive,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = defaults with
            {
                Namespace = parse.GetValue(ns)!,
                ImagePullPolicy = parse.GetValue(pullPolicy)!,
                ContainerRegistry = parse.GetValue(registry),
                ContainerImageTag = parse.GetValue(tag)!,
            };
            var folder = parse.GetValue(outputPath) is { } path ? layout.Resolve(path) : layout.DefaultOutputPath;
            var appHost = parse.GetValue(projectPath) is { } project ? layout.Resolve(project) : layout.DefaultAppHostPath;
            var manifest = parse.GetValue(manifestPath) is { } file
                ? ManifestReader.Read(layout.Resolve(file))
                : await PublishAsync(appHost, cancellationToken);

            // Everything is generated in memory first, so a manifest the generator refuses leaves the folder untouched.
            var files = new KustomizeGenerator(manifest).Generate(options);
            files.WriteTo(folder);
            await output.WriteLineAsync($"Wrote {files.Files.Count} files to {folder}");
            return 0;
        });
        return command;
    }

    private async Task<AspireManifest> PublishAsync(string appHost, CancellationToken cancellationToken)
    {
        var temp = Directory.CreateTempSubdirectory("authapp-aspirate-");
        try
        {
            return ManifestReader.Read(await new AppHostManifestPublisher(output).PublishAsync(appHost, temp.FullName, cancellationToken));
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }
}
