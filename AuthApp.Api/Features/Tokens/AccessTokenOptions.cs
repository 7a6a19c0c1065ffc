namespace AuthApp.Api.Features.Tokens;

/// <summary>Access-token settings from the <c>Auth</c> section.</summary>
public sealed class AccessTokenOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// <c>Auth:TokenHashKey</c>: base64 of at least 32 random bytes, the HMAC key for token hashes.
    /// Required outside Development; in Development a per-process key is generated when absent.
    /// </summary>
    public string? TokenHashKey { get; set; }

    /// <summary><c>Auth:AccessTokenLifetime</c>. Default 15 minutes.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
}
