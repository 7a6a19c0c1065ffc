using System.Text.RegularExpressions;

namespace AuthApp.Aspirate.Kubernetes;

/// <summary>
/// <c>apply</c> and <c>destroy</c>: check kubectl and its current context, render the overlay with
/// <c>kubectl kustomize</c> (so a broken overlay never half-applies), then apply or delete it.
/// </summary>
internal sealed partial class KubernetesDeployer(TextWriter output, TextWriter error, TextReader input)
{
    public Task<int> ApplyAsync(string inputPath, string overlay, CancellationToken cancellationToken) =>
        RunAsync(inputPath, overlay, destroy: false, nonInteractive: true, cancellationToken);

    public Task<int> DestroyAsync(string inputPath, string overlay, bool nonInteractive, CancellationToken cancellationToken) =>
        RunAsync(inputPath, overlay, destroy: true, nonInteractive, cancellationToken);

    private async Task<int> RunAsync(string inputPath, string overlay, bool destroy, bool nonInteractive, CancellationToken cancellationToken)
    {
        var overlayPath = Path.GetFullPath(Path.Combine(inputPath, "overlays", overlay));
        if (!File.Exists(Path.Combine(overlayPath, "kustomization.yaml")))
        {
            return Fail($"Overlay '{overlay}' was not found at {overlayPath}. Run 'generate' first, or pass --input-path.");
        }

        if (Kubectl.FindOnPath() is not { } kubectl)
        {
            return Fail("kubectl was not found on PATH. Install kubectl (https://kubernetes.io/docs/tasks/tools/) and point it at a cluster.");
        }

        var context = await kubectl.RunAsync(["config", "current-context"], null, cancellationToken);
        var contextName = context.StandardOutput.Trim();
        if (context.ExitCode != 0 || contextName.Length == 0)
        {
            return Fail($"kubectl has no current context ({context.StandardError.Trim()}). Start or select a cluster first, e.g. 'minikube start' or 'az aks get-credentials', then retry.");
        }

        var render = await kubectl.RunAsync(["kustomize", overlayPath], null, cancellationToken);
        if (render.ExitCode != 0)
        {
            var hint = render.StandardError.Contains(".env", StringComparison.Ordinal) ? " Copy .env.example to .env in overlays/minikube and fill in every value."
                : render.StandardError.Contains("tls/tls.", StringComparison.Ordinal) ? " Run eng/minikube-issuer-tls.sh to make the issuer's TLS certificate (overlays/minikube/tls/)."
                : string.Empty;
            return Fail($"Rendering overlay '{overlay}' failed: {render.StandardError.Trim()}{hint}");
        }

        var placeholders = Placeholder().Matches(render.StandardOutput).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal).ToList();
        var missing = placeholders.Where(p => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(p))).ToList();
        if (missing.Count > 0)
        {
            return Fail($"Overlay '{overlay}' needs these environment variables: {string.Join(", ", missing)} (see aspirate-output/README.md).");
        }

        if (destroy && !nonInteractive && !Confirm($"Delete everything of overlay '{overlay}' from context '{contextName}'? [y/N] "))
        {
            return Fail("Cancelled; nothing was deleted.");
        }

        string[] verb = destroy ? ["delete", "--ignore-not-found"] : ["apply", "--server-side"];
        KubectlResult result;
        if (placeholders.Count == 0)
        {
            result = await kubectl.RunAsync([.. verb, "-k", overlayPath], null, cancellationToken);
        }
        else
        {
            // kubectl -k cannot fill placeholders, so the rendered, substituted text is what gets applied.
            var substituted = Placeholder().Replace(render.StandardOutput, m => Environment.GetEnvironmentVariable(m.Groups[1].Value)!);
            result = await kubectl.RunAsync([.. verb, "-f", "-"], substituted, cancellationToken);
        }

        await output.WriteAsync(result.StandardOutput);
        if (result.ExitCode != 0)
        {
            return Fail($"kubectl {verb[0]} failed with exit code {result.ExitCode}: {result.StandardError.Trim()}", result.ExitCode);
        }

        await output.WriteLineAsync($"{(destroy ? "Deleted" : "Applied")} overlay '{overlay}' on context '{contextName}'.");
        return 0;
    }

    private bool Confirm(string question)
    {
        output.Write(question);
        return input.ReadLine()?.Trim() is "y" or "Y" or "yes";
    }

    private int Fail(string message, int exitCode = 1)
    {
        error.WriteLine($"error: {message}");
        return exitCode;
    }

    [GeneratedRegex(@"\$\{([A-Z][A-Z0-9_]*)\}")]
    private static partial Regex Placeholder();
}
