using System.Net;
using System.Text.RegularExpressions;
using AuthApp.Tests.AppHost;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Playwright;

namespace AuthApp.Tests.Dashboard;

/// <summary>The dashboard's Resources page: every resource of the AppHost with its state, and its commands.</summary>
public sealed class ResourcesPageTests(DashboardFixture fixture) : DashboardTest(fixture)
{
    [Fact]
    public async Task ResourcesPageListsEveryResourceWithItsState()
    {
        await SignInToDashboardAsync();

        foreach (var running in new[] { "postgres", "authdb", "redis", "api", "web" })
        {
            await Assertions.Expect(Page.ResourceRow(running).StateCell()).ToHaveTextAsync("Running");
        }

        // The migrations ran to their end; the cell may also carry a badge counting their error logs.
        await Assertions.Expect(Page.ResourceRow("migrations").StateCell()).ToHaveTextAsync(new Regex("^\\s*Finished"));
        await Assertions.Expect(Page.ResourceRow("api")).ToContainTextAsync("AuthApp.Api.csproj");
        await Assertions.Expect(Page.ResourceRow("api").GetByRole(AriaRole.Link, new() { Name = "API reference" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task RestartFromTheActionsMenuGivesTheApiANewProcessThatBecomesHealthy()
    {
        var before = App.Current("api").ProcessId ?? throw new InvalidOperationException("The api has no pid.");
        await SignInToDashboardAsync();
        var startTime = Page.ResourceRow("api").GetByRole(AriaRole.Gridcell).Nth(2);
        var startedBefore = await startTime.TextContentAsync();

        await Page.ChooseActionAsync("api", "Restart");

        var restarted = await App.WaitForStateAsync("api", s =>
            s.ProcessId is { } pid && pid != before && s.State == KnownResourceStates.Running && s.HealthStatus == HealthStatus.Healthy);
        Assert.NotEqual(before, restarted.ProcessId);
        using var api = App.CreateHttpClient("api");
        using var health = await api.GetAsync(new Uri("/health", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        await Assertions.Expect(Page.ResourceRow("api").StateCell()).ToHaveTextAsync("Running");
        await Assertions.Expect(startTime).Not.ToHaveTextAsync(startedBefore ?? "");
    }
}
