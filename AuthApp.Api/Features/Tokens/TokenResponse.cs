using System.Text.Json.Serialization;

namespace AuthApp.Api.Features.Tokens;

/// <summary>RFC 6749 §5.1 success body; also what the FastAPI clients expect (they ignore <c>refresh_token</c>).</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] long ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string RefreshToken)
{
    public static TokenResponse From(IssuedToken issued) =>
        new(issued.AccessToken, "bearer", (long)issued.Lifetime.TotalSeconds, issued.RefreshToken);
}
