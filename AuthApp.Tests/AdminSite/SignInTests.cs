using System.Net;
using System.Net.Http.Headers;
using AuthApp.Tests.AppHost;
using AuthApp.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AuthApp.Tests.AdminSite;

/// <summary>Signing in and out of the admin site: who gets in, how the token is kept, and when the site signs out.</summary>
[Collection(nameof(AppHostCollection))]
public sealed class SignInTests(AppHostFixture system, BrowserFixture browser) : AdminSiteTest(system, browser), IClassFixture<BrowserFixture>
{
    [Fact] // S8, S16
    public async Task AdminWhoseSiteSessionIsRevokedIsSignedOutOnTheNextAction()
    {
        var (adminEmail, adminPassword) = BootstrapAdmin();
        using var api = App.CreateHttpClient("api");
        var adminToken = await TokenAsync(api, adminEmail, adminPassword);
        var adminId = (await GetAsync(api, "/users/me", adminToken)).GetProperty("id").GetGuid();
        var before = SessionIds(await GetAsync(api, $"/admin/users/{adminId}/sessions", adminToken));
        await Page.SignInAsync(Web, adminEmail, adminPassword);
        await Assertions.Expect(Page.Locator("#users-grid")).ToBeVisibleAsync();
        var siteSession = Assert.Single(SessionIds(await GetAsync(api, $"/admin/users/{adminId}/sessions", adminToken)).Except(before));

        using (var request = new HttpRequestMessage(HttpMethod.Delete, $"/admin/users/{adminId}/sessions/{siteSession}"))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
            using var revoke = await api.SendAsync(request, Cancel);
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        await Page.FillFieldAsync("user-search", "anything");

        await Assertions.Expect(Page.Locator("#session-ended")).ToBeVisibleAsync();
        Assert.DoesNotContain(await Context.CookiesAsync(), c => c.Name == "authapp-admin");
    }

    [Fact] // S14, S16
    public async Task NonAdminIsRefusedWithAClearMessageAndItsTokenIsRevoked()
    {
        var (adminEmail, adminPassword) = BootstrapAdmin();
        using var api = App.CreateHttpClient("api");
        var (email, password, _) = await api.RegisterAsync();
        var adminToken = await TokenAsync(api, adminEmail, adminPassword);

        await Page.SignInAsync(Web, email, password);

        await Assertions.Expect(Page.Locator("#sign-in-error")).ToContainTextAsync("not an administrator");
        Assert.EndsWith("/login", new Uri(Page.Url).AbsolutePath, StringComparison.Ordinal);
        var page = await GetAsync(api, $"/admin/users?search={Uri.EscapeDataString(email)}", adminToken);
        var userId = page.GetProperty("items")[0].GetProperty("id").GetGuid();
        Assert.Equal(0, (await GetAsync(api, $"/admin/users/{userId}/sessions", adminToken)).GetArrayLength());
    }

    [Fact]
    public async Task WrongPasswordIsRefusedInWords()
    {
        var (adminEmail, _) = BootstrapAdmin();

        await Page.SignInAsync(Web, adminEmail, "not-the-password-at-all");

        await Assertions.Expect(Page.Locator("#sign-in-error")).ToHaveTextAsync("The email or password is incorrect.");
    }

    [Fact] // S16
    public async Task AnonymousVisitorIsSentToTheSignInPage()
    {
        await Page.GotoAsync(new Uri(Web, "/users").ToString());

        await Assertions.Expect(Page).ToHaveURLAsync(AdminSitePages.LoginPage);
        await Assertions.Expect(Page.Locator("#sign-in")).ToBeVisibleAsync();
    }

    [Fact] // S16
    public async Task SessionCookieIsHttpOnlyAndSameSiteStrict()
    {
        var (adminEmail, adminPassword) = BootstrapAdmin();

        await Page.SignInAsync(Web, adminEmail, adminPassword);
        await Assertions.Expect(Page).ToHaveURLAsync(AdminSitePages.UsersPage);
        await Assertions.Expect(Page.Locator("#users-grid")).ToBeVisibleAsync();

        var cookie = Assert.Single(await Context.CookiesAsync(), c => c.Name == "authapp-admin");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.DoesNotContain("aat_", await Page.ContentAsync(), StringComparison.Ordinal);
    }
}
