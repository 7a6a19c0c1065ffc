using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AuthApp.Tests.Dashboard;

/// <summary>Who gets into the dashboard: the browser token the AppHost handed it, and nobody without it.</summary>
public sealed class DashboardSignInTests(DashboardFixture fixture) : DashboardTest(fixture)
{
    [Fact]
    public async Task BrowserTokenSignsInToTheResourcesPage()
    {
        await Page.SignInAsync(Dashboard, BrowserToken);

        await Assertions.Expect(Page).ToHaveURLAsync(new Uri(Dashboard, "/").ToString());
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Resources", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(Page.ResourceRow("api")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task WrongBrowserTokenLeavesTheVisitorOnTheLoginPage()
    {
        await Page.SignInAsync(Dashboard, "not-the-token");

        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/login(\\?.*)?$"));
        await Assertions.Expect(Page.GetByRole(AriaRole.Textbox)).ToBeVisibleAsync();
        // No cookie was handed out: the Resources page sends the visitor back to the login page.
        await Page.GotoAsync(Dashboard.ToString());
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/login(\\?.*)?$"));
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Resources", Level = 1 })).Not.ToBeVisibleAsync();
    }
}
