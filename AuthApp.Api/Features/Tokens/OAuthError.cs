using System.Text.Json.Serialization;

namespace AuthApp.Api.Features.Tokens;

/// <summary>An RFC 6749 §5.2 error body.</summary>
public sealed record OAuthError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string Description)
{
    public static OAuthError InvalidRequest(string description) => new("invalid_request", description);

    /// <summary>One answer for unknown user, wrong password and disabled account (S4).</summary>
    public static readonly OAuthError InvalidGrant = new("invalid_grant", "The username or password is incorrect.");
}

/// <summary>Endpoint metadata: bad-request failures here answer as OAuth errors, not problem details.</summary>
public sealed class OAuthErrorResponses
{
    public static readonly OAuthErrorResponses Instance = new();
}
