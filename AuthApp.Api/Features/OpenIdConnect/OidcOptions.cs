using Microsoft.Extensions.Options;

namespace AuthApp.Api.Features.OpenIdConnect;

/// <summary>The OpenID Connect issuer (<c>Oidc</c>, decision 0088).</summary>
public sealed class OidcOptions
{
    public const string Section = "Oidc";

    /// <summary>
    /// The issuer URL published in discovery and every token, e.g. <c>https://auth.example.com/</c>. Default: none, and the
    /// issuer is the URL the request came to (fine for one host name; set it behind a proxy or with several names).
    /// </summary>
    public Uri? Issuer { get; set; }

    /// <summary>How long an id_token is valid (kubectl uses it as the bearer token). Default 15 minutes.</summary>
    public TimeSpan IdentityTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an OpenIddict access token (for userinfo) is valid. Default 15 minutes.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a refresh token is valid; each use gives a new one. Default 14 days, as for <c>/token</c>.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long the sign-in cookie of the issuer lasts. Default 10 minutes: long enough for a kubectl login.</summary>
    public TimeSpan SignInLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often each replica re-reads the published keys, so a rotation elsewhere reaches it. Default 30 seconds.</summary>
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Each failure names its key.</summary>
internal sealed class OidcOptionsValidator : IValidateOptions<OidcOptions>
{
    public ValidateOptionsResult Validate(string? name, OidcOptions options)
    {
        var failures = new List<string>();
        if (options.Issuer is { } issuer && (!issuer.IsAbsoluteUri || issuer.Scheme is not ("https" or "http") || issuer.Query.Length > 0 || issuer.Fragment.Length > 0))
        {
            failures.Add("Oidc:Issuer must be an absolute http(s) URL without query or fragment.");
        }

        Check(failures, "Oidc:IdentityTokenLifetime", options.IdentityTokenLifetime, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1));
        Check(failures, "Oidc:AccessTokenLifetime", options.AccessTokenLifetime, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1));
        Check(failures, "Oidc:RefreshTokenLifetime", options.RefreshTokenLifetime, TimeSpan.FromMinutes(5), TimeSpan.FromDays(365));
        Check(failures, "Oidc:SignInLifetime", options.SignInLifetime, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1));
        Check(failures, "Oidc:KeyRefreshInterval", options.KeyRefreshInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max) failures.Add($"{key} must be a TimeSpan between {min:c} and {max:c}.");
    }
}
