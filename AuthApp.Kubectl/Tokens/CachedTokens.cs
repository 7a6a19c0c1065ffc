using System.Text.Json.Serialization;

namespace AuthApp.Kubectl.Tokens;

/// <summary>What one sign-in leaves in the cache: the id_token kubectl sends and the refresh token that renews it.</summary>
internal sealed record CachedTokens
{
    [JsonPropertyName("issuer")]
    public required string Issuer { get; init; }

    [JsonPropertyName("client_id")]
    public required string ClientId { get; init; }

    [JsonPropertyName("id_token")]
    public required string IdToken { get; init; }

    [JsonPropertyName("refresh_token")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RefreshToken { get; init; }
}

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(CachedTokens))]
internal sealed partial class CachedTokensJson : JsonSerializerContext;
