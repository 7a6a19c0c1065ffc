using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.OpenIdConnect;

/// <summary>Where an authorization request ended: a redirect leaving the issuer (to the client), or a page of the issuer.</summary>
public sealed record AuthorizeOutcome(Uri? Redirect, HttpStatusCode Status, string Body)
{
    public Dictionary<string, string> Query => Redirect is null
        ? []
        : QueryHelpers.ParseQuery(Redirect.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
}

/// <summary>
/// A browser without a window for the authorization code flow: keeps cookies, signs in on the issuer's form (with its
/// antiforgery token) when sent there, follows the issuer's own redirects and stops at the first one leaving it.
/// </summary>
public sealed partial class CodeFlow : IDisposable
{
    public const string KubectlClient = "kubectl";

    private readonly HttpClient _http;

    public CodeFlow(Uri issuer)
    {
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = issuer,
            Timeout = TimeSpan.FromMinutes(1),
        };
    }

    /// <summary>A loopback redirect URI on a port nobody registered: the kubectl client's <c>http://127.0.0.1</c> covers every port.</summary>
    public static string LoopbackRedirect { get; } = $"http://127.0.0.1:{Random.Shared.Next(20000, 60000)}/";

    public static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    /// <summary>The usual kubectl request: code, S256, loopback redirect, refresh allowed.</summary>
    public static Dictionary<string, string> KubectlRequest(string challenge, string method = "S256") => new()
    {
        ["client_id"] = KubectlClient,
        ["response_type"] = "code",
        ["redirect_uri"] = LoopbackRedirect,
        ["scope"] = "openid email profile groups offline_access",
        ["state"] = Guid.NewGuid().ToString("N"),
        ["nonce"] = Guid.NewGuid().ToString("N"),
        ["code_challenge"] = challenge,
        ["code_challenge_method"] = method,
    };

    public async Task<AuthorizeOutcome> AuthorizeAsync(IReadOnlyDictionary<string, string> parameters, string email, string password)
    {
        var next = QueryHelpers.AddQueryString("connect/authorize", parameters!);
        for (var hop = 0; hop < 10; hop++)
        {
            using var response = await _http.GetAsync(next, Cancel);
            var body = await response.Content.ReadAsStringAsync(Cancel);
            if (response.StatusCode is not (HttpStatusCode.Found or HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.RedirectMethod))
            {
                return new AuthorizeOutcome(null, response.StatusCode, body);
            }

            var location = new Uri(_http.BaseAddress!, response.Headers.Location!);
            if (location.Authority != _http.BaseAddress!.Authority) return new AuthorizeOutcome(location, response.StatusCode, body);
            if (location.AbsolutePath == "/connect/signin")
            {
                var returnUrl = QueryHelpers.ParseQuery(location.Query)["returnUrl"].ToString();
                using var signedIn = await SignInAsync(returnUrl, email, password);
                if (signedIn.StatusCode != HttpStatusCode.Redirect) return new AuthorizeOutcome(null, signedIn.StatusCode, await signedIn.Content.ReadAsStringAsync(Cancel));
                next = signedIn.Headers.Location!.OriginalString;
                continue;
            }

            next = location.PathAndQuery;
        }

        throw new InvalidOperationException("The issuer redirected more than 10 times.");
    }

    /// <summary>Fills the sign-in form at <c>/connect/signin</c> and posts it.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string returnUrl, string email, string password)
    {
        var form = await _http.GetStringAsync($"connect/signin?returnUrl={Uri.EscapeDataString(returnUrl)}", Cancel);
        var token = WebUtility.HtmlDecode(AntiforgeryToken().Match(form).Groups[1].Value);
        Assert.False(string.IsNullOrEmpty(token), "The sign-in form carries no antiforgery token.");
        using var post = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["returnUrl"] = returnUrl,
            ["email"] = email,
            ["password"] = password,
        });
        return await _http.PostAsync("connect/signin", post, Cancel);
    }

    /// <summary>The code from a successful authorization, after checking the redirect went where it was asked to.</summary>
    public async Task<string> CodeAsync(Dictionary<string, string> request, string email, string password)
    {
        var outcome = await AuthorizeAsync(request, email, password);
        Assert.True(outcome.Redirect is not null, $"No redirect to the client: {(int)outcome.Status} {outcome.Body}");
        Assert.StartsWith(request["redirect_uri"], outcome.Redirect!.ToString(), StringComparison.Ordinal);
        Assert.Equal(request["state"], outcome.Query["state"]);
        Assert.True(outcome.Query.ContainsKey("code"), $"No code in {outcome.Redirect}");
        return outcome.Query["code"];
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> TokenAsync(Dictionary<string, string> form)
    {
        using var content = new FormUrlEncodedContent(form);
        using var response = await _http.PostAsync("connect/token", content, Cancel);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(Cancel));
    }

    public Task<(HttpStatusCode Status, JsonElement Body)> RedeemAsync(string code, string verifier) => TokenAsync(new()
    {
        ["grant_type"] = "authorization_code",
        ["client_id"] = KubectlClient,
        ["code"] = code,
        ["redirect_uri"] = LoopbackRedirect,
        ["code_verifier"] = verifier,
    });

    /// <summary>Signs in and redeems a code: the token response of a successful kubectl login.</summary>
    public async Task<JsonElement> LoginAsync(string email, string password)
    {
        var (verifier, challenge) = Pkce();
        var code = await CodeAsync(KubectlRequest(challenge), email, password);
        var (status, body) = await RedeemAsync(code, verifier);
        Assert.True(status == HttpStatusCode.OK, $"Token endpoint answered {(int)status}: {body}");
        return body;
    }

    public void Dispose() => _http.Dispose();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
