using Microsoft.Extensions.Options;

namespace AuthApp.Api.Infrastructure;

/// <summary><c>Cors:AllowedOrigins</c>: browser origins allowed to call the API with credentials. None by default.</summary>
public sealed class CorsSettings
{
    public const string Section = "Cors";

    public string[] AllowedOrigins { get; set; } = [];
}

/// <summary>Each origin must be a bare http(s) origin; a wildcard with credentials would trust every site.</summary>
internal sealed class CorsSettingsValidator : IValidateOptions<CorsSettings>
{
    public ValidateOptionsResult Validate(string? name, CorsSettings options)
    {
        var failures = options.AllowedOrigins
            .Select((origin, index) => (origin, index))
            .Where(entry => !IsOrigin(entry.origin))
            .Select(entry => $"Cors:AllowedOrigins:{entry.index} must be an origin like https://app.example.com (no path, no wildcard).")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && uri.AbsolutePath == "/" && !value.EndsWith('/') && string.IsNullOrEmpty(uri.Query);
}
