using System.Reflection;
using AuthApp.Aspirate.Kubernetes;
using k8s;
using k8s.Models;

namespace AuthApp.Tests.Publishing;

/// <summary>
/// An overlay rendered by <c>kubectl kustomize</c>, each object read strictly (an unknown field throws) into
/// its KubernetesClient model type, or our typed class for the custom resources we write.
/// </summary>
internal sealed class RenderedOverlay
{
    private static readonly Dictionary<string, Type> Types = BuildTypeMap();

    private RenderedOverlay(string yaml, IReadOnlyList<object> objects)
    {
        Yaml = yaml;
        Objects = objects;
    }

    public string Yaml { get; }

    public IReadOnlyList<object> Objects { get; }

    public IEnumerable<T> OfType<T>() => Objects.OfType<T>();

    /// <summary>Every pod template with the workload's kind and name.</summary>
    public IEnumerable<(string Workload, V1PodTemplateSpec Template)> PodTemplates =>
        OfType<V1Deployment>().Select(d => ($"Deployment/{d.Metadata.Name}", d.Spec.Template))
            .Concat(OfType<V1StatefulSet>().Select(s => ($"StatefulSet/{s.Metadata.Name}", s.Spec.Template)))
            .Concat(OfType<V1CronJob>().Select(c => ($"CronJob/{c.Metadata.Name}", c.Spec.JobTemplate.Spec.Template)));

    /// <summary>
    /// Renders an overlay of a copy of the committed output (minikube gets a .env made from .env.example and the TLS
    /// files of <c>eng/minikube-issuer-tls.sh</c>, as a user makes them).
    /// </summary>
    public static async Task<RenderedOverlay> RenderCommittedAsync(string overlay)
    {
        using var temp = new TempFolder();
        var root = temp.CopyFrom(RepositoryPaths.AspirateOutput, "aspirate-output");
        var minikube = Path.Combine(root, "overlays", "minikube");
        var example = await File.ReadAllLinesAsync(Path.Combine(minikube, ".env.example"), TestContext.Current.CancellationToken);
        await File.WriteAllLinesAsync(
            Path.Combine(minikube, ".env"),
            example.Select(line => line.EndsWith('=') ? line + "test-value-" + line.TrimEnd('=') : line),
            TestContext.Current.CancellationToken);
        var tls = await ProcessRunner.RunAsync("bash", [Path.Combine(RepositoryPaths.Root, "eng", "minikube-issuer-tls.sh"), Path.Combine(minikube, "tls")]);
        Assert.True(tls.ExitCode == 0, tls.Error);
        return await RenderAsync(Path.Combine(root, overlay));
    }

    public static async Task<RenderedOverlay> RenderAsync(string folder)
    {
        var result = await ProcessRunner.RunAsync(ProcessRunner.FindOnPath("kubectl"), ["kustomize", folder]);
        Assert.True(result.ExitCode == 0, $"kubectl kustomize {folder} failed: {result.Error}");
        return new RenderedOverlay(result.Output, [.. SplitDocuments(result.Output).Select(ReadStrictly)]);
    }

    public static IEnumerable<string> SplitDocuments(string yaml) =>
        yaml.Split("\n---\n").Where(d => !string.IsNullOrWhiteSpace(d));

    /// <summary>Reads one document into the type its apiVersion and kind name; unknown fields are errors.</summary>
    public static object ReadStrictly(string document)
    {
        var header = KubernetesYaml.Deserialize<ObjectHeader>(
            string.Join('\n', document.Split('\n').Where(l => l.StartsWith("apiVersion:", StringComparison.Ordinal) || l.StartsWith("kind:", StringComparison.Ordinal))),
            strict: true);
        var key = $"{header.ApiVersion}/{header.Kind}";
        Assert.True(Types.TryGetValue(key, out var type), $"No model type for {key}.");
        var deserialize = typeof(KubernetesYaml).GetMethod(nameof(KubernetesYaml.Deserialize), [typeof(string), typeof(bool)])!.MakeGenericMethod(type);
        try
        {
            return deserialize.Invoke(null, [document, true])!;
        }
        catch (TargetInvocationException e)
        {
            throw new InvalidOperationException($"{key} does not match its model: {e.InnerException!.Message}\n{document}", e.InnerException);
        }
    }

    private static Dictionary<string, Type> BuildTypeMap()
    {
        var map = typeof(V1Pod).Assembly.GetTypes()
            .Select(t => (Type: t, Entity: t.GetCustomAttribute<KubernetesEntityAttribute>()))
            .Where(x => x.Entity is not null && !x.Type.Name.EndsWith("List", StringComparison.Ordinal))
            .GroupBy(x => string.IsNullOrEmpty(x.Entity!.Group) ? $"{x.Entity.ApiVersion}/{x.Entity.Kind}" : $"{x.Entity.Group}/{x.Entity.ApiVersion}/{x.Entity.Kind}")
            .ToDictionary(g => g.Key, g => g.First().Type);

        // Custom resources KubernetesClient does not model: read into the classes the generator writes them from.
        map[$"{SecretProviderClass.ApiGroupVersion}/SecretProviderClass"] = typeof(SecretProviderClass);
        map["source.toolkit.fluxcd.io/v1/GitRepository"] = typeof(FluxResource<GitRepositorySpec>);
        map["kustomize.toolkit.fluxcd.io/v1/Kustomization"] = typeof(FluxResource<FluxKustomizationSpec>);
        return map;
    }
}

/// <summary>The two top-level fields that name an object's type.</summary>
internal sealed class ObjectHeader
{
    [System.Text.Json.Serialization.JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = string.Empty;

    [System.Text.Json.Serialization.JsonPropertyName("kind")]
    public string Kind { get; set; } = string.Empty;
}
