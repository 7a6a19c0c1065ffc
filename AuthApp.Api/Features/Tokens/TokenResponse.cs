using System.Text.Json.Serialization;

namespace AuthApp.Api.Features.Tokens;

/// <summary>RFC 6749 §5.1 success body; also what the FastAPI clients expect.</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] long ExpiresIn);

/// <summary>The form fields of the password grant, for the OpenAPI document.</summary>
public sealed record PasswordGrantForm(
    [property: JsonPropertyName("grant_type")] string GrantType,
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("password")] string Password);
