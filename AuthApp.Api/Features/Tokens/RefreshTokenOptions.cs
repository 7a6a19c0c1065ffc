using Microsoft.Extensions.Options;

namespace AuthApp.Api.Features.Tokens;

/// <summary>Refresh-token settings from the <c>Auth</c> section.</summary>
public sealed class RefreshTokenOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// <c>Auth:RefreshTokenLifetime</c>. Default 14 days. Each rotation issues a token with a full
    /// lifetime, so a session lives while it is used at least once per lifetime.
    /// </summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);
}

/// <summary>Names the key when the lifetime is out of range.</summary>
internal sealed class RefreshTokenOptionsValidator : IValidateOptions<RefreshTokenOptions>
{
    public ValidateOptionsResult Validate(string? name, RefreshTokenOptions options) =>
        options.RefreshTokenLifetime < TimeSpan.FromMinutes(1) || options.RefreshTokenLifetime > TimeSpan.FromDays(365)
            ? ValidateOptionsResult.Fail("Auth:RefreshTokenLifetime must be a TimeSpan between 00:01:00 and 365.00:00:00.")
            : ValidateOptionsResult.Success;
}
