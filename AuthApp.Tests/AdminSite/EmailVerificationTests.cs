using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AuthApp.Tests.AppHost;
using AuthApp.Tests.OpenIdConnect;
using Microsoft.Playwright;

namespace AuthApp.Tests.AdminSite;

/// <summary>An admin ticks "Email verified" on the user page; the API and the OpenID Connect issuer then agree.</summary>
[Collection(nameof(AppHostCollection))]
public sealed class EmailVerificationTests(AppHostFixture system, BrowserFixture browser) : AdminSiteTest(system, browser), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnAdminVerifiesAnEmailOnTheUserPageAndTheUserCanThenSignInThroughTheIssuer()
    {
        var (adminEmail, adminPassword) = BootstrapAdmin();
        using var api = App.CreateHttpClient("api");
        var adminToken = await TokenAsync(api, adminEmail, adminPassword);
        var email = $"verify-{Guid.NewGuid():N}@example.test";
        const string password = "amber-Lantern-meadow-77";
        using var create = new HttpRequestMessage(HttpMethod.Post, "/admin/users") { Content = JsonContent.Create(new { email, password }) };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var created = await api.SendAsync(create, Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Cancel)).GetProperty("id").GetGuid();
        Assert.False((await GetAsync(api, $"/admin/users/{id}", adminToken)).GetProperty("emailVerified").GetBoolean());

        // Before: the issuer sends the unverified account back with access_denied.
        using var flow = new CodeFlow(App.GetEndpoint("api"));
        var before = await flow.AuthorizeAsync(CodeFlow.KubectlRequest(CodeFlow.Pkce().Challenge), email, password);
        Assert.Equal("access_denied", before.Query.GetValueOrDefault("error"));

        await Page.SignInAsync(Web, adminEmail, adminPassword);
        await Assertions.Expect(Page).ToHaveURLAsync(AdminSitePages.UsersPage);
        // Through the grid, as an admin would: the page is then live (a prerendered page would ignore an early click).
        await Page.FillFieldAsync("user-search", email);
        await Page.Locator($"fluent-anchor[data-email='{email}']").ClickAsync();
        await Assertions.Expect(Page.Locator("#user-heading")).ToHaveTextAsync(email);
        var box = Page.Locator("#edit-email-verified");
        await Assertions.Expect(box).Not.ToHaveAttributeAsync("aria-checked", "true");
        await box.ClickAsync();
        await Page.Locator("#save-user").ClickAsync();
        await Assertions.Expect(Page.Locator("#notice")).ToHaveTextAsync("Saved.");

        Assert.True((await GetAsync(api, $"/admin/users/{id}", adminToken)).GetProperty("emailVerified").GetBoolean());
        await Page.ReloadAsync();
        await Assertions.Expect(Page.Locator("#edit-email-verified")).ToHaveAttributeAsync("aria-checked", "true");

        // After: the same browser-less sign-in gets a code and an id_token saying email_verified.
        var tokens = await flow.LoginAsync(email, password);
        var idToken = IssuerKeys.Read(tokens.GetProperty("id_token").GetString()!);
        Assert.Equal(email, idToken.GetClaim("email").Value);
        Assert.Equal("true", idToken.GetClaim("email_verified").Value);
    }
}
