using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AuthApp.Tests.AppHost;
using AuthApp.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AuthApp.Tests.AdminSite;

/// <summary>Managing users on the admin site, signed in as the bootstrap admin.</summary>
[Collection(nameof(AppHostCollection))]
public sealed class UserManagementTests(AppHostFixture system, BrowserFixture browser) : AdminSiteTest(system, browser), IClassFixture<BrowserFixture>
{
    [Fact] // S8, S14, S16
    public async Task BootstrapAdminManagesAUserFromCreationToDeletionAndSignsOut()
    {
        var (adminEmail, adminPassword) = BootstrapAdmin();
        using var api = App.CreateHttpClient("api");
        var email = $"site-{Guid.NewGuid():N}@example.test";
        const string firstPassword = "amber-Lantern-meadow-77";
        const string secondPassword = "quiet-Orchard-compass-19";
        var adminToken = await TokenAsync(api, adminEmail, adminPassword);
        var adminId = (await GetAsync(api, "/users/me", adminToken)).GetProperty("id").GetGuid();
        var adminSessionsBefore = (await GetAsync(api, $"/admin/users/{adminId}/sessions", adminToken)).GetArrayLength();

        await Page.SignInAsync(Web, adminEmail, adminPassword);
        await Assertions.Expect(Page).ToHaveURLAsync(AdminSitePages.UsersPage);
        await Assertions.Expect(Page.Locator("#signed-in-as")).ToHaveTextAsync(adminEmail);
        Assert.Equal(adminSessionsBefore + 1, (await GetAsync(api, $"/admin/users/{adminId}/sessions", adminToken)).GetArrayLength());

        // Create a user in the dialog, then find it by search.
        await Page.Locator("#new-user").ClickAsync();
        await Page.FillFieldAsync("new-email", email);
        await Page.FillFieldAsync("new-display-name", "Site Test User");
        await Page.FillFieldAsync("new-password", "too short");
        await Page.Locator("#create-user").ClickAsync();
        await Assertions.Expect(Page.Locator("#create-user-dialog #api-error")).ToContainTextAsync("at least 15 characters");
        await Page.FillFieldAsync("new-password", firstPassword);
        await Page.Locator("#create-user").ClickAsync();
        await Assertions.Expect(Page.Locator("#create-user-dialog")).ToBeHiddenAsync();
        await Page.FillFieldAsync("user-search", email[..20]);
        var row = Page.Locator("#users-grid").GetByText(email);
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("#users-grid fluent-anchor")).ToHaveCountAsync(1);
        await Page.ShootAsync("users-page");

        // The user signs in through the API; the admin sees the session, disables the user, and the session dies.
        var userToken = await TokenAsync(api, email, firstPassword);
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(api, userToken));
        await Page.Locator($"fluent-anchor[data-email='{email}']").ClickAsync();
        await Assertions.Expect(Page.Locator("#user-heading")).ToHaveTextAsync(email);
        await Assertions.Expect(Page.Locator(".revoke-session")).ToHaveCountAsync(1);
        await Page.ShootAsync("user-detail-page");
        await Page.Locator("#disable-user").ClickAsync();
        await Page.ConfirmAsync("Disable");
        await Assertions.Expect(Page.Locator("#user-status")).ToHaveTextAsync("Disabled");
        await Assertions.Expect(Page.Locator("#no-sessions")).ToBeVisibleAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(api, userToken));

        // Enable again and set a new password: only the new one works.
        await Page.Locator("#enable-user").ClickAsync();
        await Assertions.Expect(Page.Locator("#user-status")).ToHaveTextAsync("Active");
        await Page.FillFieldAsync("new-user-password", secondPassword);
        await Page.Locator("#reset-password").ClickAsync();
        await Page.ConfirmAsync("Set password");
        await Assertions.Expect(Page.Locator("#notice")).ToContainTextAsync("Password set");
        Assert.Null(await TryTokenAsync(api, email, firstPassword));
        Assert.NotNull(await TryTokenAsync(api, email, secondPassword));

        // Delete, after confirming.
        await Page.Locator("#delete-user").ClickAsync();
        await Page.ConfirmAsync("Delete");
        await Assertions.Expect(Page).ToHaveURLAsync(AdminSitePages.UsersPage);
        Assert.Null(await TryTokenAsync(api, email, secondPassword));

        // Sign out: the cookie goes, the site's token is revoked at the API, and pages need a new sign-in.
        await Page.Locator("#sign-out").ClickAsync();
        await Assertions.Expect(Page.Locator("#signed-out")).ToBeVisibleAsync();
        // Sessions are token families: the refresh token the site never used ended with its access token.
        Assert.Equal(adminSessionsBefore, (await GetAsync(api, $"/admin/users/{adminId}/sessions", adminToken)).GetArrayLength());
        await Page.GotoAsync(new Uri(Web, "/users").ToString());
        await Assertions.Expect(Page).ToHaveURLAsync(AdminSitePages.LoginPage);
        await Assertions.Expect(Page.Locator("#sign-in")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task UsersGridSortsByAClickedColumnAndPagesTenAtATime()
    {
        var (adminEmail, adminPassword) = BootstrapAdmin();
        using var api = App.CreateHttpClient("api");
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

        await Page.SignInAsync(Web, adminEmail, adminPassword);
        await Page.FillFieldAsync("user-search", tag);
        var anchors = Page.Locator("#users-grid fluent-anchor");
        await Assertions.Expect(anchors.First).ToHaveAttributeAsync("data-email", emails[0]);
        await Assertions.Expect(anchors).ToHaveCountAsync(10);

        await Page.Locator("#users-grid .col-sort-button", new() { HasText = "Email" }).ClickAsync();
        await Assertions.Expect(anchors.First).ToHaveAttributeAsync("data-email", emails[^1]);

        await Page.Locator("fluent-button[title='Go to next page']").ClickAsync();
        await Assertions.Expect(anchors).ToHaveCountAsync(2);
        await Assertions.Expect(anchors.Last).ToHaveAttributeAsync("data-email", emails[0]);
    }

}
