using System.Text.RegularExpressions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AuthApp.Api.Features.Clients;

/// <summary>
/// What a client registration must look like; each problem is reported under the request field it concerns.
/// Redirect URIs follow RFC 6749 §3.1.2 (absolute, no fragment) and RFC 8252 §7.3/§8.3 (https, or plain http only
/// to a loopback host, where nothing leaves the machine).
/// </summary>
public static partial class ClientRules
{
    public const int MaxUris = 20;
    public const int MaxUriLength = 512;
    public const int MaxDisplayNameLength = 100;

    public static IReadOnlyList<string> Types { get; } = [ClientTypes.Public, ClientTypes.Confidential];

    /// <summary>The problems of a whole registration (the merged one, for an update), by field; empty when none.</summary>
    public static Dictionary<string, string[]> Check(
        string? displayName, IReadOnlyList<string> grants, IReadOnlyList<string> redirectUris, IReadOnlyList<string> postLogoutRedirectUris)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (DisplayNameProblem(displayName) is { } name) errors["displayName"] = [name];
        if (GrantsProblem(grants) is { } grant) errors["grants"] = [grant];
        if (UrisProblem(redirectUris) is { } redirect) errors["redirectUris"] = [redirect];
        if (UrisProblem(postLogoutRedirectUris) is { } postLogout) errors["postLogoutRedirectUris"] = [postLogout];
        if (errors.Count > 0) return errors;

        var code = grants.Contains(ClientGrants.AuthorizationCode, StringComparer.Ordinal);
        if (code && redirectUris.Count == 0)
        {
            errors["redirectUris"] = ["authorization_code needs at least one redirect URI."];
        }
        else if (!code && redirectUris.Count > 0)
        {
            errors["redirectUris"] = ["Redirect URIs are used only by authorization_code: allow it or leave them out."];
        }

        if (!code && postLogoutRedirectUris.Count > 0)
        {
            errors["postLogoutRedirectUris"] = ["Post-logout redirect URIs are used only by authorization_code: allow it or leave them out."];
        }

        return errors;
    }

    public static string? ClientIdProblem(string clientId) => ClientIdPattern().IsMatch(clientId)
        ? null
        : "The client id must be 2 to 64 characters: lowercase letters, digits, '.', '_' or '-', starting and ending with a letter or digit.";

    public static string? TypeProblem(string type) => Types.Contains(type, StringComparer.Ordinal)
        ? null
        : "The type must be 'public' (no secret: native apps, kubectl) or 'confidential' (a server that keeps a secret).";

    private static string? DisplayNameProblem(string? displayName) => displayName switch
    {
        null => null,
        { Length: 0 } => null,
        _ when string.IsNullOrWhiteSpace(displayName) => "The display name must not be blank.",
        { Length: > MaxDisplayNameLength } => $"The display name must be at most {MaxDisplayNameLength} characters.",
        _ when displayName.Any(char.IsControl) => "The display name must not contain control characters.",
        _ => null,
    };

    private static string? GrantsProblem(IReadOnlyList<string> grants)
    {
        if (grants.Count == 0) return $"Allow at least one grant: {string.Join(", ", ClientGrants.All)}.";
        if (grants.FirstOrDefault(g => !ClientGrants.All.Contains(g, StringComparer.Ordinal)) is { } unknown)
        {
            return $"'{Shorten(unknown)}' is not a grant clients can be allowed; use {string.Join(", ", ClientGrants.All)}.";
        }

        if (grants.Distinct(StringComparer.Ordinal).Count() != grants.Count) return "A grant is listed twice.";
        if (grants.Contains(ClientGrants.RefreshToken, StringComparer.Ordinal)
            && !grants.Contains(ClientGrants.AuthorizationCode, StringComparer.Ordinal)
            && !grants.Contains(ClientGrants.DeviceCode, StringComparer.Ordinal))
        {
            return "refresh_token needs authorization_code or the device_code grant: it only renews what they issued.";
        }

        return null;
    }

    private static string? UrisProblem(IReadOnlyList<string> uris)
    {
        if (uris.Count > MaxUris) return $"At most {MaxUris} URIs.";
        if (uris.Distinct(StringComparer.Ordinal).Count() != uris.Count) return "A URI is listed twice.";
        foreach (var text in uris)
        {
            if (UriProblem(text) is { } problem) return $"'{Shorten(text)}': {problem}";
        }

        return null;
    }

    /// <summary>Why one redirect URI cannot be registered, or null.</summary>
    public static string? UriProblem(string text)
    {
        if (text.Length > MaxUriLength) return $"a URI must be at most {MaxUriLength} characters.";
        if (text.Length == 0 || text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))) return "a URI must not be empty or contain spaces.";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.IsFile || uri.IsUnc) return "not an absolute URI.";
        if (text.Contains('#', StringComparison.Ordinal)) return "a redirect URI must not have a fragment (RFC 6749 §3.1.2).";
        if (uri.UserInfo.Length > 0) return "a redirect URI must not carry a user name or password.";
        // An "iss" parameter in the redirect URI would let a client fake the issuer of the answer (RFC 9207).
        if (Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query).ContainsKey("iss")) return "a redirect URI must not have an 'iss' query parameter.";
        if (uri.Scheme == Uri.UriSchemeHttps) return null;
        if (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback) return null;
        return "use https, or http only to a loopback host (127.0.0.1, [::1] or localhost; RFC 8252).";
    }

    /// <summary>Enough of a value to recognise it in an error, never a kilobyte of it.</summary>
    private static string Shorten(string value) => value.Length <= 80 ? value : value[..80] + "…";

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])$")]
    private static partial Regex ClientIdPattern();
}
