using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AuthApp.Tests.AppHost;
using AuthApp.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AuthApp.Tests.AdminSite;

/// <summary>The admin site's Audit page: the audit log, filtered in the browser.</summary>
[Collection(nameof(AppHostCollection))]
public sealed class AuditPageTests(AppHostFixture system, BrowserFixture browser) : AdminSiteTest(system, browser), IClassFixture<BrowserFixture>
{
    [Fact] // S18
    public async Task AdminFindsTheCreationOfAUserOnTheAuditPageByFilteringForIt()
    {
        var (adminEmail, adminPassword) = BootstrapAdmin();
        using var api = App.CreateHttpClient("api");
        var adminToken = await TokenAsync(api, adminEmail, adminPassword);
        var adminId = (await GetAsync(api, "/users/me", adminToken)).GetProperty("id").GetString()!;
        var userId = await CreateUserAsync(api, adminToken, $"audit-{Guid.NewGuid():N}@example.test");

        await Page.SignInAsync(Web, adminEmail, adminPassword);
        await Assertions.Expect(Page).ToHaveURLAsync(AdminSitePages.UsersPage);
        await Page.Locator("#nav-audit").ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/audit$"));
        await Page.FillFieldAsync("filter-subject", userId);
        await Page.FillFieldAsync("filter-type", "admin.user_created");
        await Page.Locator("#apply-filters").ClickAsync();

        var grid = Page.Locator("#audit-grid");
        await Assertions.Expect(Page.Locator("#audit-total")).ToHaveTextAsync("1 event(s)");
        await Assertions.Expect(grid.GetByText(userId)).ToBeVisibleAsync();
        await Assertions.Expect(grid.GetByText(adminId)).ToBeVisibleAsync();
        await Assertions.Expect(grid.GetByText("admin.user_created")).ToBeVisibleAsync();
        await Assertions.Expect(grid.GetByText("success", new() { Exact = true })).ToBeVisibleAsync();
        await Page.ShootAsync("audit-page");

        // The same event filtered as a failure, or another type for the same user, matches nothing.
        await Page.Locator("#filter-outcome").ClickAsync();
        await Page.Locator("#filter-outcome fluent-option", new() { HasText = "Failure" }).ClickAsync();
        await Page.Locator("#apply-filters").ClickAsync();
        await Assertions.Expect(Page.Locator("#audit-total")).ToHaveTextAsync("0 event(s)");
        await Page.Locator("#clear-filters").ClickAsync();
        await Page.FillFieldAsync("filter-subject", userId);
        await Page.FillFieldAsync("filter-type", "admin.user_deleted");
        await Page.Locator("#apply-filters").ClickAsync();
        await Assertions.Expect(Page.Locator("#audit-total")).ToHaveTextAsync("0 event(s)");
        await Assertions.Expect(grid.GetByText(userId)).ToHaveCountAsync(0);
    }

    private static async Task<string> CreateUserAsync(HttpClient api, string adminToken, string email)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/users") { Content = JsonContent.Create(new { email, password = "amber-Lantern-meadow-77" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var response = await api.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetString()!;
    }
}
