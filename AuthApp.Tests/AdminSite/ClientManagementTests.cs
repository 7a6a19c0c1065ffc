using System.Net;
using System.Net.Http.Headers;
using AuthApp.Tests.AppHost;
using AuthApp.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AuthApp.Tests.AdminSite;

/// <summary>The Clients page: register a confidential client, see its secret once, edit a redirect URI, delete it.</summary>
[Collection(nameof(AppHostCollection))]
public sealed class ClientManagementTests(AppHostFixture system, BrowserFixture browser) : AdminSiteTest(system, browser), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnAdminCreatesAClientSeesItListedEditsARedirectUriAndDeletesIt()
    {
        var (adminEmail, adminPassword) = BootstrapAdmin();
        using var api = App.CreateHttpClient("api");
        var adminToken = await TokenAsync(api, adminEmail, adminPassword);
        var clientId = $"site-{Guid.NewGuid():N}"[..20];
        const string first = "https://grafana.example/login/generic_oauth";
        const string second = "https://grafana.example/oauth/callback";

        await Page.SignInAsync(Web, adminEmail, adminPassword);
        await Assertions.Expect(Page).ToHaveURLAsync(AdminSitePages.UsersPage);
        await Page.Locator("#nav-clients").ClickAsync();
        await Assertions.Expect(Page.Locator(".uris[data-client-id='kubectl']")).ToBeVisibleAsync();
        // The built-in client can be edited, not deleted.
        await Assertions.Expect(Page.Locator(".delete-client[data-client-id='kubectl']")).ToHaveCountAsync(0);

        // A plain-http redirect URI to another host is refused with the API's reason; then a good one is accepted.
        await Page.Locator("#new-client").ClickAsync();
        await Page.FillFieldAsync("client-id", clientId);
        await Page.FillFieldAsync("client-display-name", "Grafana");
        await Page.Locator("#client-type").ClickAsync();
        await Page.Locator("#client-type fluent-option", new() { HasText = "Confidential" }).ClickAsync();
        await Page.Locator("#client-redirect-uris textarea").FillAsync("http://grafana.example/login");
        await Page.Locator("#save-client").ClickAsync();
        await Assertions.Expect(Page.Locator("#client-dialog #api-error")).ToContainTextAsync("loopback");
        await Page.Locator("#client-redirect-uris textarea").FillAsync(first);
        await Page.Locator("#save-client").ClickAsync();
        await Assertions.Expect(Page.Locator("#client-dialog")).ToBeHiddenAsync();
        await Assertions.Expect(Page.Locator("#client-secret")).ToContainTextAsync("acs_");
        await Assertions.Expect(Page.Locator($".uris[data-client-id='{clientId}']")).ToHaveTextAsync(first);
        await Page.ShootAsync("clients-page");
        var secret = (await Page.Locator("#client-secret").TextContentAsync())!.Trim();
        var stored = await GetAsync(api, $"/admin/clients/{clientId}", adminToken);
        Assert.Equal("confidential", stored.GetProperty("type").GetString());
        Assert.False(stored.TryGetProperty("clientSecret", out _));
        Assert.DoesNotContain(secret, stored.GetRawText(), StringComparison.Ordinal);
        await Page.Locator("#secret-done").ClickAsync();
        await Assertions.Expect(Page.Locator("#client-secret")).ToHaveCountAsync(0);

        // Edit: the dialog opens with the stored URI; the new one replaces it.
        await Page.Locator($".edit-client[data-client-id='{clientId}']").ClickAsync();
        await Assertions.Expect(Page.Locator("#client-redirect-uris textarea")).ToHaveValueAsync(first);
        await Page.Locator("#client-redirect-uris textarea").FillAsync(second);
        await Page.Locator("#save-client").ClickAsync();
        await Assertions.Expect(Page.Locator("#client-dialog")).ToBeHiddenAsync();
        await Assertions.Expect(Page.Locator($".uris[data-client-id='{clientId}']")).ToHaveTextAsync(second);
        var edited = await GetAsync(api, $"/admin/clients/{clientId}", adminToken);
        Assert.Equal([second], edited.GetProperty("redirectUris").EnumerateArray().Select(u => u.GetString()));

        // Delete, after confirming.
        await Page.Locator($".delete-client[data-client-id='{clientId}']").ClickAsync();
        await Page.ConfirmAsync("Delete");
        await Assertions.Expect(Page.Locator("#notice")).ToContainTextAsync($"Deleted {clientId}");
        await Assertions.Expect(Page.Locator($".uris[data-client-id='{clientId}']")).ToHaveCountAsync(0);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/admin/clients/{clientId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var gone = await api.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}
