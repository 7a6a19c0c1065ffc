using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AuthApp.Tests.AppHost;
using AuthApp.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AuthApp.Tests.AdminSite;

/// <summary>
/// A browser test of the admin site against the whole running system (Postgres, Redis, API and Web as real
/// processes started through the AppHost's own model): a fresh browser context per test, a screenshot after each.
/// </summary>
public abstract class AdminSiteTest(AppHostFixture system, BrowserFixture browser) : IAsyncLifetime
{
    protected IBrowserContext Context { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

    protected DistributedApplication App => system.App;

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    protected Uri Web => App.GetEndpoint("web");

    public async ValueTask InitializeAsync()
    {
        Context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        Context.SetDefaultTimeout((float)AdminSitePages.Patience.TotalMilliseconds);
        Page = await Context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        // One screenshot per test, whatever its outcome.
        await Page.ShootAsync($"{GetType().Name}.{TestContext.Current.TestMethod?.MethodName}");
        await Context.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>The AppHost's parameters: the email has a default, the password was generated for this run.</summary>
    protected (string Email, string Password) BootstrapAdmin() => App.BootstrapAdmin();

    protected static List<string> SessionIds(JsonElement sessions) =>
        [.. sessions.EnumerateArray().Select(s => s.GetProperty("id").GetString()!)];

    protected static async Task<string?> TryTokenAsync(HttpClient api, string email, string password)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = email, ["password"] = password });
        using var response = await api.PostAsync(new Uri("/token", UriKind.Relative), form, Cancel);
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("access_token").GetString() : null;
    }

    protected static async Task<string> TokenAsync(HttpClient api, string email, string password) =>
        await TryTokenAsync(api, email, password) ?? throw new InvalidOperationException($"{email} could not sign in at the API.");

    protected static async Task<JsonElement> GetAsync(HttpClient api, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await api.SendAsync(request, Cancel);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }

    protected static async Task<HttpStatusCode> MeStatusAsync(HttpClient api, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/users/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await api.SendAsync(request, Cancel);
        return response.StatusCode;
    }
}
