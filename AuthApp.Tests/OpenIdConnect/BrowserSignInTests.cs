using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AuthApp.Tests.AdminSite;
using AuthApp.Tests.Infrastructure;
using Microsoft.Playwright;
using static AuthApp.Tests.Infrastructure.ApiClient;
using static Microsoft.Playwright.Assertions;

namespace AuthApp.Tests.OpenIdConnect;

/// <summary>
/// Real clients nobody here wrote, in headless Chromium: Microsoft's OpenIdConnect handler signing a user in, and the
/// device grant (RFC 8628) approved on our verification page. A screenshot per test.
/// </summary>
public sealed class BrowserSignInTests(LiveIssuer issuer, BrowserFixture browser)
    : IClassFixture<LiveIssuer>, IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async ValueTask InitializeAsync()
    {
        _context = await browser.Browser.NewContextAsync();
        _context.SetDefaultTimeout((float)AdminSitePages.Patience.TotalMilliseconds);
        _page = await _context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _page.ShootAsync($"{nameof(BrowserSignInTests)}.{TestContext.Current.TestMethod?.MethodName}");
        await _context.DisposeAsync();
    }

    [Fact]
    public async Task MicrosoftsOpenIdConnectHandlerSignsAUserInAndTheIdTokenValidatesFromDiscovery()
    {
        var (id, email, password) = await issuer.CreateUserAsync(true, "user", "ops");
        await using var relyingParty = await RelyingParty.StartAsync(issuer);

        await _page.GotoAsync(relyingParty.Address.ToString());
        await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to AuthApp" })).ToBeVisibleAsync();
        Assert.Equal("en", await _page.Locator("html").GetAttributeAsync("lang"));
        await _page.GetByLabel("Email").FillAsync(email);
        await _page.GetByLabel("Password").FillAsync(password);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Until the navigation commits, then until the answer shows: a CI run timed out waiting for the load event of
        // this JSON page while the page itself was already shown (its screenshot had the whole answer).
        await _page.WaitForURLAsync(
            url => url.StartsWith(relyingParty.Address.ToString(), StringComparison.Ordinal) && !url.Contains("signin-oidc", StringComparison.Ordinal),
            new() { WaitUntil = WaitUntilState.Commit });
        await Expect(_page.Locator("body")).ToContainTextAsync("\"idToken\"");

        var shown = JsonDocument.Parse(await _page.Locator("body").InnerTextAsync()).RootElement;
        Assert.Equal(id.ToString(), shown.GetProperty("sub").GetString());
        Assert.Equal(email, shown.GetProperty("email").GetString());
        var idToken = shown.GetProperty("idToken").GetString()!;
        var validated = await IssuerKeys.ValidateAsync(issuer.Address, idToken, relyingParty.ClientId);
        Assert.True(validated.IsValid, validated.Exception?.Message);
        Assert.Equal(id.ToString(), validated.Claims["sub"]);
        Assert.Equal(true, validated.Claims["email_verified"]);
    }

    [Fact]
    public async Task AWrongPasswordShowsAnErrorTiedToTheFields()
    {
        var (_, email, _) = await issuer.CreateUserAsync();
        await using var relyingParty = await RelyingParty.StartAsync(issuer);

        await _page.GotoAsync(relyingParty.Address.ToString());
        await _page.GetByLabel("Email").FillAsync(email);
        await _page.GetByLabel("Password").FillAsync(FreshPassword());
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        var alert = _page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("email or password is wrong");
        await Expect(_page.GetByLabel("Password")).ToHaveAttributeAsync("aria-describedby", "signin-error");
        await Expect(_page.GetByLabel("Email")).ToHaveValueAsync(email);
    }

    [Fact]
    public async Task TheDeviceFlowIsApprovedInTheBrowserAndThePollingClientGetsTokens()
    {
        var (id, email, password) = await issuer.CreateUserAsync();
        using var client = issuer.CreateClient();
        var device = await DeviceRequestAsync(client);
        var deviceCode = device.GetProperty("device_code").GetString()!;
        var (pendingStatus, pending) = await PollAsync(client, deviceCode);
        Assert.Equal(HttpStatusCode.BadRequest, pendingStatus);
        Assert.Equal("authorization_pending", pending.GetProperty("error").GetString());

        await _page.GotoAsync(device.GetProperty("verification_uri_complete").GetString()!);
        await _page.GetByLabel("Email").FillAsync(email);
        await _page.GetByLabel("Password").FillAsync(password);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(_page.GetByText(device.GetProperty("user_code").GetString()!)).ToBeVisibleAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Device connected" })).ToBeVisibleAsync();

        var (status, tokens) = await PollAsync(client, deviceCode);
        Assert.Equal(HttpStatusCode.OK, status);
        var idToken = tokens.GetProperty("id_token").GetString()!;
        var validated = await IssuerKeys.ValidateAsync(issuer.Address, idToken, CodeFlow.KubectlClient);
        Assert.True(validated.IsValid, validated.Exception?.Message);
        Assert.Equal(id.ToString(), validated.Claims["sub"]);
        Assert.Equal(email, validated.Claims["email"]);
        Assert.True(tokens.TryGetProperty("refresh_token", out _));
    }

    [Fact]
    public async Task ADeviceApprovedByAnUnverifiedAccountGetsAccessDenied()
    {
        var (_, email, password) = await issuer.CreateUserAsync(verified: false);
        using var client = issuer.CreateClient();
        var device = await DeviceRequestAsync(client);

        await _page.GotoAsync(device.GetProperty("verification_uri").GetString()!);
        await _page.GetByLabel("Email").FillAsync(email);
        await _page.GetByLabel("Password").FillAsync(password);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await _page.GetByLabel("Code shown on your device").FillAsync(device.GetProperty("user_code").GetString()!);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();

        var (status, body) = await PollAsync(client, device.GetProperty("device_code").GetString()!);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("access_denied", body.GetProperty("error").GetString());
    }

    private static async Task<JsonElement> DeviceRequestAsync(HttpClient client)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["client_id"] = CodeFlow.KubectlClient, ["scope"] = "openid email offline_access" });
        using var response = await client.PostAsync("connect/device", form, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }

    private static async Task<(HttpStatusCode, JsonElement)> PollAsync(HttpClient client, string deviceCode)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:device_code",
            ["client_id"] = CodeFlow.KubectlClient,
            ["device_code"] = deviceCode,
        });
        using var response = await client.PostAsync("connect/token", form, Cancel);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(Cancel));
    }
}
