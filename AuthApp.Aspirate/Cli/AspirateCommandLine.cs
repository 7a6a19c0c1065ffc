using System.CommandLine;
using AuthApp.Aspirate.Kubernetes;
using AuthApp.Aspirate.Manifest;

namespace AuthApp.Aspirate.Cli;

/// <summary>
/// The tool's command line: Aspirate's <c>generate</c>, <c>apply</c> and <c>destroy</c> with its option names,
/// plus <c>--overlay</c> to pick one of the generated overlays.
/// </summary>
/// <param name="output">Where progress and kubectl's output go.</param>
/// <param name="error">Where errors go, one line each.</param>
/// <param name="input">Where <c>destroy</c> reads its confirmation.</param>
/// <param name="currentDirectory">The folder relative paths and the repository are resolved from.</param>
public sealed class AspirateCommandLine(TextWriter output, TextWriter error, TextReader input, string currentDirectory)
{
    private readonly RepositoryLayout _layout = new(currentDirectory);

    /// <summary>Parses <paramref name="args"/>, runs the command and returns the process exit code.</summary>
    public async Task<int> InvokeAsync(string[] args, CancellationToken cancellationToken)
    {
        try
        {
            return await Build().Parse(args).InvokeAsync(
                new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (Exception exception) when (exception is ManifestException or IOException or UnauthorizedAccessException)
        {
            // A CLI reports the failure plainly; messages hold names and paths, never secret values (the manifest has none).
            await error.WriteLineAsync($"error: {exception.Message}");
            return 1;
        }
    }

    private RootCommand Build()
    {
        var root = new RootCommand("AuthApp's Aspirate: hardened Kustomize output from the Aspire manifest, and kubectl apply/delete of its overlays.");
        root.Subcommands.Add(new GenerateCommand(_layout, output).Create());
        root.Subcommands.Add(DeployCommand("apply", "Render an overlay and apply it with 'kubectl apply --server-side' to the current context."));
        root.Subcommands.Add(DeployCommand("destroy", "Render an overlay and delete its objects with 'kubectl delete' from the current context."));
        return root;
    }

    private Command DeployCommand(string name, string description)
    {
        var inputPath = new Option<string>("--input-path", "-i") { Description = "Folder generate wrote (default: aspirate-output at the repository root)." };
        var overlay = new Option<string>("--overlay") { Description = "Overlay to deploy: minikube, minikube-node-ports or aks.", Required = true };
        var nonInteractive = new Option<bool>("--non-interactive") { Description = "Do not ask for confirmation." };
        var command = new Command(name, description) { inputPath, overlay, nonInteractive };
        command.SetAction((parse, cancellationToken) =>
        {
            var folder = parse.GetValue(inputPath) is { } path ? _layout.Resolve(path) : _layout.DefaultOutputPath;
            var deployer = new KubernetesDeployer(output, error, input);
            return name == "apply"
                ? deployer.ApplyAsync(folder, parse.GetValue(overlay)!, cancellationToken)
                : deployer.DestroyAsync(folder, parse.GetValue(overlay)!, parse.GetValue(nonInteractive), cancellationToken);
        });
        return command;
    }
}
