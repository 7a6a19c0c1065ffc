using AuthApp.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AuthApp.Tests.Dashboard;

/// <summary>Headless Debian Chromium driven by Playwright (never a downloaded browser), with screenshots per page.</summary>
internal sealed class DashboardBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private DashboardBrowser(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
    }

    public IPage Page { get; }

    public static async Task<DashboardBrowser> OpenAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        page.SetDefaultTimeout(30_000);
        return new DashboardBrowser(playwright, browser, page);
    }

    /// <summary>Opens a page and waits until the live circuit is connected (buttons work from then on).</summary>
    public async Task GoToAsync(Uri url)
    {
        await Page.GotoAsync(url.ToString());
        await Page.Locator("[data-testid=interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }

    public Task ScreenshotAsync(string name) => Page.ShootAsync($"dashboard-{name}");

    public ILocator TestId(string id) => Page.Locator($"[data-testid='{id}']");

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
