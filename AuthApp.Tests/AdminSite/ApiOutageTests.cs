using AuthApp.Tests.AppHost;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Playwright;

namespace AuthApp.Tests.AdminSite;

/// <summary>The admin site while the API is down: it says so in words, and works again once the API is back.</summary>
[Collection(nameof(AppHostCollection))]
public sealed class ApiOutageTests(AppHostFixture system, BrowserFixture browser) : AdminSiteTest(system, browser), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SignInWhileTheApiIsDownSaysSoClearlyAndSucceedsOnceTheApiIsBack()
    {
        var (adminEmail, adminPassword) = BootstrapAdmin();
        try
        {
            // Aspire's stop command fails for the api here, so the API goes down the way a crash takes it: its process
            // tree (the launcher DCP started and the API under it), by the pids this run's AppHost reports.
            foreach (var pid in ProcessTree.WithDescendants(App.Current("api").ProcessId!.Value).Reverse())
            {
                using var kill = System.Diagnostics.Process.Start("kill", ["-KILL", $"{pid}"]);
                await kill.WaitForExitAsync(Cancel);
            }

            await App.WaitForStateAsync("api", s => KnownResourceStates.TerminalStates.Contains(s.State));

            await Page.SignInAsync(Web, adminEmail, adminPassword);
            // In words, with no address, status code or exception text; the site itself stays up.
            await Assertions.Expect(Page.Locator("#sign-in-error")).ToHaveTextAsync("The AuthApp API cannot be reached right now. Try again shortly.");
            await Assertions.Expect(Page).ToHaveURLAsync(AdminSitePages.LoginPage);
        }
        finally
        {
            // The other tests of the collection share this system: bring the API back whatever happened.
            await App.CommandAsync("api", KnownResourceCommands.StartCommand);
            await App.WaitForStateAsync("api", s => s.State == KnownResourceStates.Running && s.HealthStatus == HealthStatus.Healthy);
        }

        await Page.SignInAsync(Web, adminEmail, adminPassword);
        await Assertions.Expect(Page.Locator("#users-grid")).ToContainTextAsync(adminEmail);
        await Assertions.Expect(Page.Locator("#api-error")).ToHaveCountAsync(0);
    }
}
