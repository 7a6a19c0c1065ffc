using System.Text.Json.Serialization;

namespace AuthApp.Aspirate.Kubernetes;

// Kustomize's own file format is not modelled by KubernetesClient; these typed classes are serialised by
// the same KubernetesYaml serializer (property names from JsonPropertyName, nulls omitted, declaration order).

/// <summary>A <c>kustomization.yaml</c> (or a Component when <see cref="Kind"/> is <c>Component</c>).</summary>
internal sealed class Kustomization
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "kustomize.config.k8s.io/v1beta1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "Kustomization";

    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }

    [JsonPropertyName("resources")]
    public List<string>? Resources { get; set; }

    [JsonPropertyName("components")]
    public List<string>? Components { get; set; }

    [JsonPropertyName("configMapGenerator")]
    public List<KustomizeResourceGenerator>? ConfigMapGenerator { get; set; }

    [JsonPropertyName("secretGenerator")]
    public List<KustomizeResourceGenerator>? SecretGenerator { get; set; }

    [JsonPropertyName("images")]
    public List<KustomizeImage>? Images { get; set; }

    [JsonPropertyName("patches")]
    public List<KustomizePatch>? Patches { get; set; }

    /// <summary>A Component kustomization (opt-in additions).</summary>
    public static Kustomization Component() => new() { ApiVersion = "kustomize.config.k8s.io/v1alpha1", Kind = "Component" };
}

/// <summary>A ConfigMap or Secret generator entry.</summary>
internal sealed class KustomizeResourceGenerator
{
    [JsonPropertyName("name")]
    public required string Name { get; set; }

    [JsonPropertyName("literals")]
    public List<string>? Literals { get; set; }

    [JsonPropertyName("envs")]
    public List<string>? Envs { get; set; }

    /// <summary><c>key=path</c> entries, e.g. a TLS Secret's <c>tls.crt</c> and <c>tls.key</c>.</summary>
    [JsonPropertyName("files")]
    public List<string>? Files { get; set; }

    /// <summary>The Secret type (<c>kubernetes.io/tls</c>); default <c>Opaque</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary><c>merge</c> adds keys to a generator of the same name in a base.</summary>
    [JsonPropertyName("behavior")]
    public string? Behavior { get; set; }

    [JsonPropertyName("options")]
    public KustomizeGeneratorOptions? Options { get; set; }
}

/// <summary>Generator options.</summary>
internal sealed class KustomizeGeneratorOptions
{
    [JsonPropertyName("disableNameSuffixHash")]
    public bool DisableNameSuffixHash { get; set; }
}

/// <summary>An <c>images:</c> entry that renames or retags an image.</summary>
internal sealed class KustomizeImage
{
    [JsonPropertyName("name")]
    public required string Name { get; set; }

    [JsonPropertyName("newName")]
    public string? NewName { get; set; }

    [JsonPropertyName("newTag")]
    public string? NewTag { get; set; }
}

/// <summary>A patch applied to the objects <see cref="Target"/> selects.</summary>
internal sealed class KustomizePatch
{
    [JsonPropertyName("target")]
    public required KustomizePatchTarget Target { get; set; }

    /// <summary>A JSON 6902 patch, as YAML text (serialised from <see cref="JsonPatchOperation"/>s).</summary>
    [JsonPropertyName("patch")]
    public required string Patch { get; set; }
}

/// <summary>Selects objects by kind and name.</summary>
internal sealed class KustomizePatchTarget
{
    [JsonPropertyName("kind")]
    public required string Kind { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }
}

/// <summary>One RFC 6902 operation.</summary>
internal sealed class JsonPatchOperation
{
    [JsonPropertyName("op")]
    public required string Op { get; set; }

    [JsonPropertyName("path")]
    public required string Path { get; set; }

    [JsonPropertyName("value")]
    public object? Value { get; set; }

    public static JsonPatchOperation Add(string path, object value) => new() { Op = "add", Path = path, Value = value };
}
