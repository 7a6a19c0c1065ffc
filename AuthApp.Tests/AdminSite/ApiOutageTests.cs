using AuthApp.Tests.AppHost;
using AuthApp.Tests.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Playwright;

namespace AuthApp.Tests.AdminSite;

/// <summary>The admin site while the API is stopped: it says so in words, and its open page works again once the API is back.</summary>
[Collection(nameof(AppHostCollection))]
public sealed class ApiOutageTests(AppHostFixture system, BrowserFixture browser) : AdminSiteTest(system, browser), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task WhileTheApiIsStoppedTheUsersPageSaysSoAndTheSameCircuitRecoversWhenItReturns()
    {
        var (adminEmail, adminPassword) = BootstrapAdmin();
        await Page.SignInAsync(Web, adminEmail, adminPassword);
        await Assertions.Expect(Page.Locator("#users-grid")).ToContainTextAsync(adminEmail);

        try
        {
            await App.CommandAsync("api", KnownResourceCommands.StopCommand);
            await App.WaitForStateAsync("api", s => KnownResourceStates.TerminalStates.Contains(s.State));

            // The open page (its Blazor circuit) asks the API again: a clear message, no address or exception text.
            await Page.FillFieldAsync("user-search", "admin");
            await Assertions.Expect(Page.Locator("#api-error")).ToHaveTextAsync("The AuthApp API cannot be reached right now. Try again shortly.");
            await Page.ShootAsync($"{nameof(ApiOutageTests)}.api-stopped");
        }
        finally
        {
            // The other tests of the collection share this system: bring the API back whatever happened.
            await App.CommandAsync("api", KnownResourceCommands.StartCommand);
            await App.WaitForStateAsync("api", s => s.State == KnownResourceStates.Running && s.HealthStatus == HealthStatus.Healthy);
        }

        // Same page, same circuit, no reload: the next search reaches the API again.
        await Page.FillFieldAsync("user-search", adminEmail);
        await Assertions.Expect(Page.Locator("#users-grid")).ToContainTextAsync(adminEmail);
        await Assertions.Expect(Page.Locator("#api-error")).ToHaveCountAsync(0);
    }
}
