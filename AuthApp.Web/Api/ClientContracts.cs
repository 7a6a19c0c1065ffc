using System.Text.Json.Serialization;

namespace AuthApp.Web.Api;

/// <summary>An OpenID Connect client as <c>/admin/clients</c> returns it; <see cref="ClientSecret"/> only in the answer that made it.</summary>
public sealed record OidcClient(
    string ClientId, string DisplayName, string Type, IReadOnlyList<string> Grants,
    IReadOnlyList<string> RedirectUris, IReadOnlyList<string> PostLogoutRedirectUris, bool BuiltIn)
{
    public string? ClientSecret { get; init; }

    public bool IsConfidential => Type == ClientTypes.Confidential;
}

/// <summary>Body for registering a client.</summary>
public sealed record NewClient(
    string ClientId, string Type, IReadOnlyList<string> Grants, string? DisplayName,
    IReadOnlyList<string> RedirectUris, IReadOnlyList<string> PostLogoutRedirectUris);

/// <summary>Body for editing a client: the lists replace the stored ones.</summary>
public sealed record ClientEdit(
    string DisplayName, IReadOnlyList<string> Grants, IReadOnlyList<string> RedirectUris, IReadOnlyList<string> PostLogoutRedirectUris);

/// <summary>A confidential client's new secret, shown once.</summary>
public sealed record ClientSecretAnswer(string ClientId, [property: JsonPropertyName("clientSecret")] string ClientSecret);

/// <summary>The client types and grants the API knows, with the words the site shows for them.</summary>
public static class ClientTypes
{
    public const string Public = "public";
    public const string Confidential = "confidential";

    public const string AuthorizationCode = "authorization_code";
    public const string RefreshToken = "refresh_token";
    public const string DeviceCode = "urn:ietf:params:oauth:grant-type:device_code";

    public static string GrantName(string grant) => grant switch
    {
        AuthorizationCode => "Authorization code + PKCE",
        RefreshToken => "Refresh token",
        DeviceCode => "Device code",
        _ => grant,
    };

    /// <summary>The grid's one-line form; the full names are in its tooltip.</summary>
    public static string GrantShortName(string grant) => grant switch
    {
        AuthorizationCode => "code",
        RefreshToken => "refresh",
        DeviceCode => "device",
        _ => grant,
    };
}
