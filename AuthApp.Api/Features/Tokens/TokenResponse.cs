using System.Text.Json.Serialization;

namespace AuthApp.Api.Features.Tokens;

/// <summary>RFC 6749 §5.1 success body; also what the FastAPI clients expect.</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] long ExpiresIn);
