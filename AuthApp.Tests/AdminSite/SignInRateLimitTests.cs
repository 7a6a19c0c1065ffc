using System.Text.RegularExpressions;
using AuthApp.Tests.AppHost;
using AuthApp.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AuthApp.Tests.AdminSite;

/// <summary>
/// The API's login limit per client address, met through the admin site: every admin signs in from the site's address,
/// so the site says when to try again instead of calling the API unreachable.
/// </summary>
[Collection(nameof(StandaloneAppHostCollection))]
public sealed class SignInRateLimitTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private readonly string _state = StateFolders.Create("authapp-signin-limit-");

    [Fact] // S12, S16
    public async Task SignInPastTheLoginLimitSaysWhenToTryAgain()
    {
        await using var app = await AppHostFixture.StartAsync(AppHostFixture.Arguments(_state), configure: builder =>
            builder.SetEnvironment("api", ("RateLimits__token__PermitLimit", "2"), ("RateLimits__token__Window", "00:10:00")));
        var (email, password) = app.BootstrapAdmin();
        var web = app.GetEndpoint("web");
        await using var context = await browser.Browser.NewContextAsync();
        context.SetDefaultTimeout((float)AdminSitePages.Patience.TotalMilliseconds);
        var page = await context.NewPageAsync();

        // Two attempts use up the window.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            await page.SignInAsync(web, email, "not-the-password-at-all");
            await Assertions.Expect(page.Locator("#sign-in-error")).ToHaveTextAsync("The email or password is incorrect.");
        }

        await page.SignInAsync(web, email, password);

        // The 429's Retry-After is most of the ten-minute window: a retry that waited it out (the resilience handler's
        // default for any method) would end in its 30 s total timeout, which the page reports as "unreachable".
        await Assertions.Expect(page.Locator("#sign-in-error")).ToHaveTextAsync(
            new Regex(@"^Too many sign-in attempts through this site just now\. Try again in \d{2,3} seconds\.$"));
        await Assertions.Expect(page).ToHaveURLAsync(AdminSitePages.LoginPage);
        await page.ShootAsync($"{nameof(SignInRateLimitTests)}.{nameof(SignInPastTheLoginLimitSaysWhenToTryAgain)}");
    }

    public void Dispose() => StateFolders.Delete(_state);
}
