using System.Globalization;
using System.Text;
using AuthApp.Aspirate.Manifest;

namespace AuthApp.Aspirate.Kubernetes;

/// <summary>A value as it appears in a pod spec, and the secret parameters it needs.</summary>
/// <param name="Text">Literal text; secret parameters appear as <c>$(Parameters__name)</c>.</param>
/// <param name="Secrets">Secret parameters referenced, in order.</param>
internal sealed record KubernetesValue(string Text, IReadOnlyList<ManifestParameter> Secrets)
{
    /// <summary>Set when the whole value is exactly one secret parameter.</summary>
    public ManifestParameter? SoleSecret { get; init; }
}

/// <summary>
/// Resolves manifest expressions for inside the cluster: a host is the Service name, a port the Service port,
/// a secret parameter a reference to an environment variable filled from the Secret (never a literal).
/// </summary>
internal sealed class KubernetesValueResolver(AspireManifest manifest)
{
    // value.v0 resources may nest (authdb → postgres); a cycle would be a broken manifest.
    private const int MaxDepth = 16;

    /// <summary>Name of the helper variable a composed value expands with Kubernetes' <c>$(VAR)</c> syntax.</summary>
    public static string SecretVariable(ManifestParameter parameter) => $"Parameters__{parameter.Name}";

    /// <summary>Port a workload's endpoint listens on inside its pod (and its Service port).</summary>
    public static int Port(ManifestWorkload workload, ManifestBinding binding) =>
        workload is ManifestProject ? KubernetesPublishingOptions.ProjectPort
        : binding.TargetPort ?? binding.Port ?? throw new ManifestException($"Endpoint '{binding.Name}' of '{workload.Name}' has no port.");

    /// <summary>
    /// The value for the cluster, or <c>null</c> when it names an endpoint the cluster does not serve (a project's
    /// https endpoint: TLS ends at the Ingress, so such a variable is left out and service discovery uses http).
    /// </summary>
    public KubernetesValue? Resolve(string expression)
    {
        var secrets = new List<ManifestParameter>();
        var unserved = false;
        var text = ResolveText(expression, secrets, ref unserved, 0);
        if (unserved)
        {
            return null;
        }

        var parts = ManifestExpression.Parse(expression);
        var sole = parts is [{ Path: [var name, "value"] }] && manifest[name] is ManifestParameter { Secret: true } p ? p : null;
        return new KubernetesValue(text, secrets) { SoleSecret = sole };
    }

    private string ResolveText(string expression, List<ManifestParameter> secrets, ref bool unserved, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ManifestException($"Expressions nest more than {MaxDepth} deep at '{expression}'; is there a cycle?");
        }

        var text = new StringBuilder();
        foreach (var part in ManifestExpression.Parse(expression))
        {
            text.Append(part.Path is { } path ? Placeholder(part.Text, path, secrets, ref unserved, depth) : part.Text);
        }

        return text.ToString();
    }

    private string Placeholder(string placeholder, IReadOnlyList<string> path, List<ManifestParameter> secrets, ref bool unserved, int depth)
    {
        var resource = manifest[path[0]];
        switch (path.Skip(1).ToArray(), resource)
        {
            case (["connectionString"], ManifestWorkload { ConnectionString: { } connection }):
                return ResolveText(connection, secrets, ref unserved, depth + 1);
            case (["connectionString"] or ["value"], ManifestValue value):
                // An empty value.v0 (Aspire 13's "TLS enabled" condition) resolves to nothing.
                return ResolveText(value.ConnectionString ?? value.Value ?? string.Empty, secrets, ref unserved, depth + 1);
            case (["value"] or ["inputs", "value"], ManifestParameter parameter):
                return Parameter(parameter, secrets);

            // The "uri" filter cannot run inside the cluster: the value goes in as it is, so secrets are URL-safe
            // (letters and digits, as overlays/minikube/.env.example asks) and the filter is then the identity.
            case (["value"], ManifestAnnotatedString annotated):
                return ResolveText(annotated.Value, secrets, ref unserved, depth + 1);
            case (["bindings", var name, var property], ManifestWorkload workload):
                var binding = workload.Bindings.FirstOrDefault(b => b.Name == name)
                    ?? throw new ManifestException($"'{{{placeholder}}}' names an endpoint '{workload.Name}' does not have.");
                if (!PublishedResource.IsServed(workload, binding))
                {
                    unserved = true;
                    return string.Empty;
                }

                return Endpoint(workload, binding, property, placeholder);
            default:
                throw new ManifestException($"'{{{placeholder}}}' has no Kubernetes form ({resource.Name} is {resource.Type}).");
        }
    }

    private static string Parameter(ManifestParameter parameter, List<ManifestParameter> secrets)
    {
        if (!parameter.Secret)
        {
            return parameter.DefaultValue ?? throw new ManifestException(
                $"Parameter '{parameter.Name}' is neither secret nor has a default value; publish one (AddParameter(..., publishValueAsDefault: true)).");
        }

        if (!secrets.Contains(parameter))
        {
            secrets.Add(parameter);
        }

        return $"$({SecretVariable(parameter)})";
    }

    private static string Endpoint(ManifestWorkload workload, ManifestBinding binding, string property, string placeholder)
    {
        var port = Port(workload, binding).ToString(CultureInfo.InvariantCulture);
        return property switch
        {
            "host" => workload.Name,
            "port" or "targetPort" => port,
            "hostAndPort" => $"{workload.Name}:{port}",
            "scheme" => binding.Scheme,
            "url" => $"{binding.Scheme}://{workload.Name}:{port}",
            _ => throw new ManifestException($"'{{{placeholder}}}': unknown endpoint property '{property}'."),
        };
    }
}
