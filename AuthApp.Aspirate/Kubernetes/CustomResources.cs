using System.Text.Json.Serialization;

namespace AuthApp.Aspirate.Kubernetes;

// Custom resources KubernetesClient does not model: the Secrets Store CSI driver's SecretProviderClass and
// Flux's GitRepository and Kustomization. Typed here (only the fields we write) so they are serialised,
// and read back strictly in tests, like the built-in kinds.

/// <summary>Metadata of a custom resource.</summary>
internal sealed class CustomResourceMetadata
{
    [JsonPropertyName("name")]
    public required string Name { get; set; }

    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }
}

/// <summary><c>secrets-store.csi.x-k8s.io/v1</c> SecretProviderClass.</summary>
internal sealed class SecretProviderClass
{
    public const string ApiGroupVersion = "secrets-store.csi.x-k8s.io/v1";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = ApiGroupVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "SecretProviderClass";

    [JsonPropertyName("metadata")]
    public required CustomResourceMetadata Metadata { get; set; }

    [JsonPropertyName("spec")]
    public required SecretProviderClassSpec Spec { get; set; }
}

/// <summary>Provider, its parameters and the Kubernetes Secrets to sync.</summary>
internal sealed class SecretProviderClassSpec
{
    [JsonPropertyName("provider")]
    public required string Provider { get; set; }

    [JsonPropertyName("parameters")]
    public required Dictionary<string, string> Parameters { get; set; }

    [JsonPropertyName("secretObjects")]
    public List<SyncedSecret>? SecretObjects { get; set; }
}

/// <summary>A Kubernetes Secret the driver keeps in sync with mounted objects.</summary>
internal sealed class SyncedSecret
{
    [JsonPropertyName("secretName")]
    public required string SecretName { get; set; }

    [JsonPropertyName("type")]
    public string Type { get; set; } = "Opaque";

    [JsonPropertyName("data")]
    public required List<SyncedSecretKey> Data { get; set; }
}

/// <summary>Maps a mounted object to a key of the synced Secret.</summary>
internal sealed class SyncedSecretKey
{
    [JsonPropertyName("objectName")]
    public required string ObjectName { get; set; }

    [JsonPropertyName("key")]
    public required string Key { get; set; }
}

/// <summary>One Key Vault object of the Azure provider's <c>objects</c> parameter.</summary>
internal sealed class KeyVaultObject
{
    [JsonPropertyName("objectName")]
    public required string ObjectName { get; set; }

    [JsonPropertyName("objectType")]
    public string ObjectType { get; set; } = "secret";

    /// <summary>The file name in the mount, when it is not the object's name.</summary>
    [JsonPropertyName("objectAlias")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ObjectAlias { get; set; }
}

/// <summary>The Azure provider's <c>objects</c> parameter: <c>array:</c> of YAML strings.</summary>
internal sealed class KeyVaultObjectArray
{
    [JsonPropertyName("array")]
    public required List<string> Array { get; set; }
}

/// <summary>A Flux custom resource (GitRepository or Kustomization), flux v1 APIs.</summary>
internal sealed class FluxResource<TSpec>
{
    [JsonPropertyName("apiVersion")]
    public required string ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public required string Kind { get; set; }

    [JsonPropertyName("metadata")]
    public required CustomResourceMetadata Metadata { get; set; }

    [JsonPropertyName("spec")]
    public required TSpec Spec { get; set; }
}

/// <summary><c>source.toolkit.fluxcd.io/v1</c> GitRepository spec.</summary>
internal sealed class GitRepositorySpec
{
    [JsonPropertyName("interval")]
    public required string Interval { get; set; }

    [JsonPropertyName("url")]
    public required string Url { get; set; }

    [JsonPropertyName("ref")]
    public required Dictionary<string, string> Ref { get; set; }
}

/// <summary><c>kustomize.toolkit.fluxcd.io/v1</c> Kustomization spec.</summary>
internal sealed class FluxKustomizationSpec
{
    [JsonPropertyName("interval")]
    public required string Interval { get; set; }

    [JsonPropertyName("path")]
    public required string Path { get; set; }

    [JsonPropertyName("prune")]
    public bool Prune { get; set; }

    [JsonPropertyName("wait")]
    public bool Wait { get; set; }

    [JsonPropertyName("timeout")]
    public string? Timeout { get; set; }

    [JsonPropertyName("sourceRef")]
    public required FluxSourceReference SourceRef { get; set; }

    [JsonPropertyName("postBuild")]
    public FluxPostBuild? PostBuild { get; set; }
}

/// <summary>Which source a Flux Kustomization builds.</summary>
internal sealed class FluxSourceReference
{
    [JsonPropertyName("kind")]
    public required string Kind { get; set; }

    [JsonPropertyName("name")]
    public required string Name { get; set; }
}

/// <summary>Flux variable substitution after the build.</summary>
internal sealed class FluxPostBuild
{
    [JsonPropertyName("substituteFrom")]
    public required List<FluxSubstituteReference> SubstituteFrom { get; set; }
}

/// <summary>A ConfigMap or Secret holding substitution variables.</summary>
internal sealed class FluxSubstituteReference
{
    [JsonPropertyName("kind")]
    public required string Kind { get; set; }

    [JsonPropertyName("name")]
    public required string Name { get; set; }
}
