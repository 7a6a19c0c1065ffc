namespace AuthApp.Api.Features.Tokens;

/// <summary>Access-token settings from the <c>Auth</c> section.</summary>
public sealed class AccessTokenOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// <c>Auth:TokenHashKey</c>: base64 of at least 32 random bytes, the legacy HMAC key: it hashes tokens without a
    /// key id, and mints them while no <see cref="CurrentTokenHashKey"/> is set. Required outside Development unless the
    /// key ring is set; in Development a per-process key is generated when neither is.
    /// </summary>
    public string? TokenHashKey { get; set; }

    /// <summary>
    /// <c>Auth:TokenHashKeys:&lt;id&gt;</c>: the key ring (decision 0093), id (1–8 of <c>a-z0-9</c>) to base64 of at least
    /// 32 random bytes. A token names its key's id, so a check picks the key without trying them all. Empty by default.
    /// </summary>
    public Dictionary<string, string> TokenHashKeys { get; set; } = [];

    /// <summary><c>Auth:CurrentTokenHashKey</c>: the id in <see cref="TokenHashKeys"/> new tokens are hashed with.</summary>
    public string? CurrentTokenHashKey { get; set; }

    /// <summary><c>Auth:AccessTokenLifetime</c>. Default 15 minutes.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
}
