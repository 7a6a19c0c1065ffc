using System.Net;
using System.Net.Http.Headers;

namespace AuthApp.Web.Api;

/// <summary>The API's public token endpoints: sign in, read the own profile, revoke.</summary>
public sealed class AuthApiClient(HttpClient http)
{
    /// <summary>The token for a correct email and password; null when the API refuses the login.</summary>
    public async Task<TokenAnswer?> RequestTokenAsync(string email, string password, CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = email,
            ["password"] = password,
        });
        using var response = await http.PostAsync(new Uri("/token", UriKind.Relative), form, cancellationToken);
        if (response.StatusCode == HttpStatusCode.BadRequest) return null;
        if (response.StatusCode == HttpStatusCode.TooManyRequests) throw new ApiException(TooManySignIns(response), 429);
        await ApiErrors.EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<TokenAnswer>(cancellationToken);
    }

    /// <summary>
    /// The API limits logins per client address, and every admin's sign-in comes from this site's address: say when to
    /// try again in the site's words (the API's own detail speaks of "this address", which is the site's).
    /// </summary>
    private static string TooManySignIns(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta is { } wait
            ? $"Too many sign-in attempts through this site just now. Try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} seconds."
            : "Too many sign-in attempts through this site just now. Try again in a minute.";

    /// <summary>The token's user; null when the token is expired or revoked.</summary>
    public async Task<CurrentUser?> GetCurrentUserAsync(string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/users/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized) return null;
        await ApiErrors.EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<CurrentUser>(cancellationToken);
    }

    /// <summary>Revokes the token (RFC 7009); revoking an already dead token is fine.</summary>
    public async Task RevokeAsync(string token, CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token });
        using var response = await http.PostAsync(new Uri("/revoke", UriKind.Relative), form, cancellationToken);
        await ApiErrors.EnsureSuccessAsync(response, cancellationToken);
    }
}
