using System.CommandLine;
using AuthApp.Hosting.Publishing.Kubernetes;
using AuthApp.Hosting.Publishing.Manifest;

namespace AuthApp.Hosting.Publishing;

/// <summary>
/// The AppHost's publishing command line: Aspire's <c>--publisher manifest --output-path</c>, and Aspirate's
/// <c>generate</c>, <c>apply</c> and <c>destroy</c> with its option names.
/// </summary>
internal sealed class PublishingCommandLine(DistributedApplicationModel model, TextWriter output, TextWriter error, TextReader input)
{
    public const string DefaultKustomizeFolder = "aspirate-output";
    private static readonly string[] Verbs = ["generate", "apply", "destroy"];

    /// <summary>Whether the AppHost was started to publish rather than to run the application.</summary>
    public static bool IsPublishInvocation(IReadOnlyList<string> args, string? publisher) =>
        !string.IsNullOrEmpty(publisher) || (args.Count > 0 && Verbs.Contains(args[0], StringComparer.Ordinal));

    public Task<int> InvokeAsync(string[] args, CancellationToken cancellationToken) =>
        Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);

    private RootCommand Build()
    {
        var publisher = new Option<string>("--publisher") { Description = "Aspire publisher; only 'manifest' is supported." };
        var manifestPath = new Option<string>("--output-path") { Description = "Folder (or .json file) the manifest is written to." };
        var root = new RootCommand("AuthApp AppHost: runs the application, or publishes it as an Aspire manifest or Kustomize.")
        {
            publisher, manifestPath,
        };
        root.SetAction(parse => WriteManifest(parse.GetValue(publisher), parse.GetValue(manifestPath)));
        root.Subcommands.Add(GenerateCommand());
        root.Subcommands.Add(DeployCommand("apply", "Render an overlay and apply it with 'kubectl apply --server-side' to the current context."));
        root.Subcommands.Add(DeployCommand("destroy", "Render an overlay and delete its objects with 'kubectl delete' from the current context."));
        return root;
    }

    private int WriteManifest(string? publisher, string? outputPath)
    {
        if (publisher != "manifest")
        {
            error.WriteLine(publisher is null
                ? "error: nothing to do. Use --publisher manifest --output-path <path>, or one of: generate, apply, destroy."
                : $"error: unknown publisher '{publisher}'; only 'manifest' is supported.");
            return 1;
        }

        if (string.IsNullOrWhiteSpace(outputPath))
        {
            error.WriteLine("error: --output-path is required with --publisher manifest.");
            return 1;
        }

        var path = new ManifestPublisher(model).Write(outputPath);
        output.WriteLine($"Wrote the manifest to {path}");
        return 0;
    }

    private Command GenerateCommand()
    {
        var defaults = new KubernetesPublishingOptions();
        var outputPath = new Option<string>("--output-path", "-o") { Description = "Folder to write base/ and overlays/ into.", DefaultValueFactory = _ => DefaultKustomizeFolder };
        var ns = new Option<string>("--namespace") { Description = "Namespace to deploy into.", DefaultValueFactory = _ => defaults.Namespace };
        var pullPolicy = new Option<string>("--image-pull-policy") { Description = "Pull policy of the project images.", DefaultValueFactory = _ => defaults.ImagePullPolicy };
        pullPolicy.AcceptOnlyFromAmong("Always", "IfNotPresent", "Never");
        var registry = new Option<string?>("--container-registry") { Description = "Registry prefix of the project images, e.g. myacr.azurecr.io." };
        var tag = new Option<string>("--container-image-tag") { Description = "Tag of the project images.", DefaultValueFactory = _ => defaults.ContainerImageTag };
        var nonInteractive = new Option<bool>("--non-interactive") { Description = "Never prompt (generate never does)." };
        var command = new Command("generate", "Write Kustomize manifests (base/ and overlays/) from the app model.")
        {
            outputPath, ns, pullPolicy, registry, tag, nonInteractive,
        };
        command.SetAction(parse =>
        {
            var options = defaults with
            {
                Namespace = parse.GetValue(ns)!,
                ImagePullPolicy = parse.GetValue(pullPolicy)!,
                ContainerRegistry = parse.GetValue(registry),
                ContainerImageTag = parse.GetValue(tag)!,
            };
            var folder = Path.GetFullPath(parse.GetValue(outputPath)!);
            var files = new KustomizeGenerator(model).Generate(options);
            files.WriteTo(folder);
            output.WriteLine($"Wrote {files.Files.Count} files to {folder}");
            return 0;
        });
        return command;
    }

    private Command DeployCommand(string name, string description)
    {
        var inputPath = new Option<string>("--input-path", "-i") { Description = "Folder generate wrote.", DefaultValueFactory = _ => DefaultKustomizeFolder };
        var overlay = new Option<string>("--overlay") { Description = "Overlay to deploy: minikube, minikube-node-ports or aks.", Required = true };
        var nonInteractive = new Option<bool>("--non-interactive") { Description = "Do not ask for confirmation." };
        var command = new Command(name, description) { inputPath, overlay, nonInteractive };
        command.SetAction((parse, cancellationToken) =>
        {
            var deployer = new KubernetesDeployer(output, error, input);
            return name == "apply"
                ? deployer.ApplyAsync(parse.GetValue(inputPath)!, parse.GetValue(overlay)!, cancellationToken)
                : deployer.DestroyAsync(parse.GetValue(inputPath)!, parse.GetValue(overlay)!, parse.GetValue(nonInteractive), cancellationToken);
        });
        return command;
    }
}
