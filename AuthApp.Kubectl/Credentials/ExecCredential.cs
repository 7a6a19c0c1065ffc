using System.Text.Json.Serialization;

namespace AuthApp.Kubectl.Credentials;

/// <summary>
/// The <c>client.authentication.k8s.io/v1</c> ExecCredential object: kubectl passes its <c>spec</c> in
/// <c>KUBERNETES_EXEC_INFO</c> and reads <c>status</c> from the plugin's standard output.
/// </summary>
internal sealed record ExecCredential
{
    public const string V1 = "client.authentication.k8s.io/v1";

    [JsonPropertyName("kind")]
    public string Kind { get; init; } = "ExecCredential";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; init; } = V1;

    [JsonPropertyName("spec")]
    public ExecCredentialSpec Spec { get; init; } = new();

    [JsonPropertyName("status")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ExecCredentialStatus? Status { get; init; }
}

/// <summary>What kubectl tells the plugin; only <c>interactive</c> matters to it.</summary>
internal sealed record ExecCredentialSpec
{
    [JsonPropertyName("interactive")]
    public bool Interactive { get; init; }
}

/// <summary>The credential: the bearer token and when kubectl must run the plugin again.</summary>
internal sealed record ExecCredentialStatus
{
    [JsonPropertyName("token")]
    public required string Token { get; init; }

    /// <summary>RFC 3339 in UTC, e.g. <c>2026-11-29T07:00:00Z</c>, as the Kubernetes meta/v1 Time type writes it.</summary>
    [JsonPropertyName("expirationTimestamp")]
    public required string ExpirationTimestamp { get; init; }
}

[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(ExecCredential))]
internal sealed partial class ExecCredentialJson : JsonSerializerContext;
