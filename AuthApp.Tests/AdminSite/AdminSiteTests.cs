using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AuthApp.Hosting;
using AuthApp.Hosting.ApplicationModel;
using AuthApp.Hosting.Orchestration;
using AuthApp.Hosting.Testing;
using AuthApp.Tests.AppHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AuthApp.Tests.AdminSite;

/// <summary>
/// The admin site in headless Chromium against the whole running system (Postgres, Redis, API and Web as
/// real processes, started through the AppHost's own model), signed in as the bootstrap admin.
/// </summary>
[Collection(nameof(AppHostCollection))]
public sealed class AdminSiteTests(AppHostFixture system, BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Uri Web => system.App.GetEndpoint("web");

    public async ValueTask InitializeAsync()
    {
        _context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        _context.SetDefaultTimeout((float)AdminSitePages.Patience.TotalMilliseconds);
        _page = await _context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        // One screenshot per test, whatever its outcome.
        await _page.ShootAsync($"{GetType().Name}.{TestContext.Current.TestMethod?.MethodName}");
        await _context.DisposeAsync();
    }

    [Fact] // S8, S14, S16
    public async Task BootstrapAdminManagesAUserFromCreationToDeletionAndSignsOut()
    {
        var (adminEmail, adminPassword) = BootstrapAdmin();
        using var api = system.App.CreateHttpClient("api");
        var email = $"site-{Guid.NewGuid():N}@example.test";
        const string firstPassword = "amber-Lantern-meadow-77";
        const string secondPassword = "quiet-Orchard-compass-19";
        var adminToken = await TokenAsync(api, adminEmail, adminPassword);
        var adminId = (await GetAsync(api, "/users/me", adminToken)).GetProperty("id").GetGuid();
        var adminSessionsBefore = (await GetAsync(api, $"/admin/users/{adminId}/sessions", adminToken)).GetArrayLength();

        await _page.SignInAsync(Web, adminEmail, adminPassword);
        await _page.WaitForURLAsync("**/users");
        await Assertions.Expect(_page.Locator("#signed-in-as")).ToHaveTextAsync(adminEmail);
        Assert.Equal(adminSessionsBefore + 1, (await GetAsync(api, $"/admin/users/{adminId}/sessions", adminToken)).GetArrayLength());

        // Create a user in the dialog, then find it by search.
        await _page.Locator("#new-user").ClickAsync();
        await _page.FillFieldAsync("new-email", email);
        await _page.FillFieldAsync("new-display-name", "Site Test User");
        await _page.FillFieldAsync("new-password", "too short");
        await _page.Locator("#create-user").ClickAsync();
        await Assertions.Expect(_page.Locator("#create-user-dialog #api-error")).ToContainTextAsync("at least 15 characters");
        await _page.FillFieldAsync("new-password", firstPassword);
        await _page.Locator("#create-user").ClickAsync();
        await Assertions.Expect(_page.Locator("#create-user-dialog")).ToBeHiddenAsync();
        await _page.FillFieldAsync("user-search", email[..20]);
        var row = _page.Locator("#users-grid").GetByText(email);
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(_page.Locator("#users-grid fluent-anchor")).ToHaveCountAsync(1);
        await _page.ShootAsync("users-page");

        // The user signs in through the API; the admin sees the session, disables the user, and the session dies.
        var userToken = await TokenAsync(api, email, firstPassword);
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(api, userToken));
        await _page.Locator($"fluent-anchor[data-email='{email}']").ClickAsync();
        await Assertions.Expect(_page.Locator("#user-heading")).ToHaveTextAsync(email);
        await Assertions.Expect(_page.Locator(".revoke-session")).ToHaveCountAsync(1);
        await _page.ShootAsync("user-detail-page");
        await _page.Locator("#disable-user").ClickAsync();
        await _page.ConfirmAsync("Disable");
        await Assertions.Expect(_page.Locator("#user-status")).ToHaveTextAsync("Disabled");
        await Assertions.Expect(_page.Locator("#no-sessions")).ToBeVisibleAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(api, userToken));

        // Enable again and set a new password: only the new one works.
        await _page.Locator("#enable-user").ClickAsync();
        await Assertions.Expect(_page.Locator("#user-status")).ToHaveTextAsync("Active");
        await _page.FillFieldAsync("new-user-password", secondPassword);
        await _page.Locator("#reset-password").ClickAsync();
        await _page.ConfirmAsync("Set password");
        await Assertions.Expect(_page.Locator("#notice")).ToContainTextAsync("Password set");
        Assert.Null(await TryTokenAsync(api, email, firstPassword));
        Assert.NotNull(await TryTokenAsync(api, email, secondPassword));

        // Delete, after confirming.
        await _page.Locator("#delete-user").ClickAsync();
        await _page.ConfirmAsync("Delete");
        await _page.WaitForURLAsync("**/users");
        Assert.Null(await TryTokenAsync(api, email, secondPassword));

        // Sign out: the cookie goes, the site's token is revoked at the API, and pages need a new sign-in.
        await _page.Locator("#sign-out").ClickAsync();
        await Assertions.Expect(_page.Locator("#signed-out")).ToBeVisibleAsync();
        Assert.Equal(adminSessionsBefore, (await GetAsync(api, $"/admin/users/{adminId}/sessions", adminToken)).GetArrayLength());
        await _page.GotoAsync(new Uri(Web, "/users").ToString());
        await _page.WaitForURLAsync("**/login**");
        await Assertions.Expect(_page.Locator("#sign-in")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task UsersGridSortsByAClickedColumnAndPagesTenAtATime()
    {
        var (adminEmail, adminPassword) = BootstrapAdmin();
        using var api = system.App.CreateHttpClient("api");
        var adminToken = await TokenAsync(api, adminEmail, adminPassword);
        var tag = Guid.NewGuid().ToString("N")[..12];
        var emails = Enumerable.Range(10, 12).Select(n => $"grid-{tag}-{n}@example.test").ToList();
        foreach (var email in emails)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/users") { Content = JsonContent.Create(new { email, password = "amber-Lantern-meadow-77" }) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
            using var created = await api.SendAsync(request, Cancel);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        await _page.SignInAsync(Web, adminEmail, adminPassword);
        await _page.FillFieldAsync("user-search", tag);
        var anchors = _page.Locator("#users-grid fluent-anchor");
        await Assertions.Expect(anchors.First).ToHaveAttributeAsync("data-email", emails[0]);
        await Assertions.Expect(anchors).ToHaveCountAsync(10);

        await _page.Locator("#users-grid .col-sort-button", new() { HasText = "Email" }).ClickAsync();
        await Assertions.Expect(anchors.First).ToHaveAttributeAsync("data-email", emails[^1]);

        await _page.Locator("fluent-button[title='Go to next page']").ClickAsync();
        await Assertions.Expect(anchors).ToHaveCountAsync(2);
        await Assertions.Expect(anchors.Last).ToHaveAttributeAsync("data-email", emails[0]);
    }

    [Fact] // S8, S16
    public async Task AdminWhoseSiteSessionIsRevokedIsSignedOutOnTheNextAction()
    {
        var (adminEmail, adminPassword) = BootstrapAdmin();
        using var api = system.App.CreateHttpClient("api");
        var adminToken = await TokenAsync(api, adminEmail, adminPassword);
        var adminId = (await GetAsync(api, "/users/me", adminToken)).GetProperty("id").GetGuid();
        var before = SessionIds(await GetAsync(api, $"/admin/users/{adminId}/sessions", adminToken));
        await _page.SignInAsync(Web, adminEmail, adminPassword);
        await Assertions.Expect(_page.Locator("#users-grid")).ToBeVisibleAsync();
        var siteSession = Assert.Single(SessionIds(await GetAsync(api, $"/admin/users/{adminId}/sessions", adminToken)).Except(before));

        using (var request = new HttpRequestMessage(HttpMethod.Delete, $"/admin/users/{adminId}/sessions/{siteSession}"))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
            using var revoke = await api.SendAsync(request, Cancel);
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        await _page.FillFieldAsync("user-search", "anything");

        await Assertions.Expect(_page.Locator("#session-ended")).ToBeVisibleAsync();
        Assert.DoesNotContain(await _context.CookiesAsync(), c => c.Name == "authapp-admin");
    }

    [Fact] // S14, S16
    public async Task NonAdminIsRefusedWithAClearMessageAndItsTokenIsRevoked()
    {
        var (adminEmail, adminPassword) = BootstrapAdmin();
        using var api = system.App.CreateHttpClient("api");
        var email = ApiClient.NewEmail();
        await ApiClient.RegisterAsync(api, email);
        var adminToken = await TokenAsync(api, adminEmail, adminPassword);

        await _page.SignInAsync(Web, email, ApiClient.Password);

        await Assertions.Expect(_page.Locator("#sign-in-error")).ToContainTextAsync("not an administrator");
        Assert.EndsWith("/login", new Uri(_page.Url).AbsolutePath, StringComparison.Ordinal);
        var page = await GetAsync(api, $"/admin/users?search={Uri.EscapeDataString(email)}", adminToken);
        var userId = page.GetProperty("items")[0].GetProperty("id").GetGuid();
        Assert.Equal(0, (await GetAsync(api, $"/admin/users/{userId}/sessions", adminToken)).GetArrayLength());
    }

    [Fact]
    public async Task WrongPasswordIsRefusedInWords()
    {
        var (adminEmail, _) = BootstrapAdmin();

        await _page.SignInAsync(Web, adminEmail, "not-the-password-at-all");

        await Assertions.Expect(_page.Locator("#sign-in-error")).ToHaveTextAsync("The email or password is incorrect.");
    }

    [Fact] // S16
    public async Task AnonymousVisitorIsSentToTheSignInPage()
    {
        await _page.GotoAsync(new Uri(Web, "/users").ToString());

        await _page.WaitForURLAsync("**/login**");
        await Assertions.Expect(_page.Locator("#sign-in")).ToBeVisibleAsync();
    }

    [Fact] // S16
    public async Task SessionCookieIsHttpOnlyAndSameSiteStrict()
    {
        var (adminEmail, adminPassword) = BootstrapAdmin();

        await _page.SignInAsync(Web, adminEmail, adminPassword);
        await _page.WaitForURLAsync("**/users");
        await Assertions.Expect(_page.Locator("#users-grid")).ToBeVisibleAsync();

        var cookie = Assert.Single(await _context.CookiesAsync(), c => c.Name == "authapp-admin");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.DoesNotContain("aat_", await _page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void StartupSummaryTellsWhereToSignInAndWhereThePasswordIsWithoutPrintingIt()
    {
        var (adminEmail, adminPassword) = BootstrapAdmin();

        var lines = system.App.Services.GetServices<ISummaryLineProvider>().SelectMany(p => p.GetSummaryLines()).ToList();

        var login = Assert.Single(lines, l => l.Label == "admin login");
        Assert.Contains($"{Web.ToString().TrimEnd('/')}/login as {adminEmail}", login.Text, StringComparison.Ordinal);
        Assert.Contains("admin-password", Assert.Single(lines, l => l.Label == "secrets").Text, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Text.Contains(adminPassword, StringComparison.Ordinal));
    }

    /// <summary>The AppHost's parameters: the email has a default, the password was generated for this run.</summary>
    private (string Email, string Password) BootstrapAdmin()
    {
        var model = system.App.Services.GetRequiredService<DistributedApplicationModel>();
        return (((ParameterResource)model["admin-email"]).Value, ((ParameterResource)model["admin-password"]).Value);
    }

    private static List<string> SessionIds(JsonElement sessions) =>
        [.. sessions.EnumerateArray().Select(s => s.GetProperty("id").GetString()!)];

    private async Task<string?> TryTokenAsync(HttpClient api, string email, string password)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = email, ["password"] = password });
        using var response = await api.PostAsync(new Uri("/token", UriKind.Relative), form, Cancel);
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("access_token").GetString() : null;
    }

    private async Task<string> TokenAsync(HttpClient api, string email, string password) =>
        await TryTokenAsync(api, email, password) ?? throw new InvalidOperationException($"{email} could not sign in at the API.");

    private async Task<JsonElement> GetAsync(HttpClient api, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await api.SendAsync(request, Cancel);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }

    private async Task<HttpStatusCode> MeStatusAsync(HttpClient api, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/users/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await api.SendAsync(request, Cancel);
        return response.StatusCode;
    }
}
