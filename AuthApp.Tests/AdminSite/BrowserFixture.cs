using AuthApp.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AuthApp.Tests.AdminSite;

/// <summary>Headless Chromium from the Debian package (never a downloaded browser), shared by a class's tests.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        // Expectations poll for up to a minute: two shared cores can be slow, and waits are on state, never sleeps.
        Assertions.SetDefaultExpectTimeout((float)AdminSitePages.Patience.TotalMilliseconds);
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
