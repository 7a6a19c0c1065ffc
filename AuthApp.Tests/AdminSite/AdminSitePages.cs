using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AuthApp.Tests.AdminSite;

/// <summary>What the browser tests do on the admin site, by element id; every wait is on a selector or URL.</summary>
internal static class AdminSitePages
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static readonly Regex UsersPage = new("/users$");

    public static readonly Regex LoginPage = new("/login(\\?.*)?$");

    public static async Task SignInAsync(this IPage page, Uri web, string email, string password)
    {
        await page.GotoAsync(new Uri(web, "/login").ToString());
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("#sign-in").ClickAsync();
    }

    /// <summary>Fills a FluentUI text field (its input lives in the element's shadow root, which locators pierce).</summary>
    public static Task FillFieldAsync(this IPage page, string id, string value) =>
        page.Locator($"#{id}").Locator("input").FillAsync(value);

    /// <summary>Answers the confirmation dialog with its primary button.</summary>
    public static Task ConfirmAsync(this IPage page, string action) =>
        page.Locator("fluent-dialog").Filter(new() { HasText = "Please confirm" })
            .Locator("fluent-button", new() { HasTextRegex = new Regex($"^\\s*{action}\\s*$") })
            .ClickAsync();
}
