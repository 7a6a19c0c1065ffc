using Microsoft.Playwright;

namespace AuthApp.Tests.Infrastructure;

/// <summary>The one way browser tests start Chromium and save screenshots (admin site and dashboard alike).</summary>
internal static class Chromium
{
    /// <summary>artifacts/screenshots at the repository root.</summary>
    public static string ScreenshotDirectory { get; } = FindScreenshotDirectory();

    /// <summary>Headless Chromium from the Debian package: never a downloaded browser.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });

    /// <summary>Saves a full-page screenshot as <c>name.png</c> in <see cref="ScreenshotDirectory"/>.</summary>
    public static Task ShootAsync(this IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, $"{name}.png"), FullPage = true });

    private static string FindScreenshotDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AuthApp.slnx"))) dir = dir.Parent;
        var path = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
        Directory.CreateDirectory(path);
        return path;
    }
}
