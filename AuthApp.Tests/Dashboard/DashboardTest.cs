using AuthApp.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AuthApp.Tests.Dashboard;

/// <summary>A browser test of the running system's Aspire dashboard: a fresh browser context per test, a screenshot after each.</summary>
[Collection(nameof(DashboardCollection))]
public abstract class DashboardTest(DashboardFixture fixture) : IAsyncLifetime
{
    protected IBrowserContext Context { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

    protected DistributedApplication App => fixture.App;

    protected Uri Dashboard => fixture.Dashboard;

    protected string BrowserToken => fixture.BrowserToken;

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private int _logsBefore;

    public async ValueTask InitializeAsync()
    {
        _logsBefore = fixture.Logs.Lines.Count;
        Context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
        Context.SetDefaultTimeout((float)DashboardPages.Patience.TotalMilliseconds);
        Page = await Context.NewPageAsync();
        // Blazor reports a broken circuit in the browser console only; keep it with the test's output.
        var output = TestContext.Current.TestOutputHelper;
        Page.Console += (_, message) =>
        {
            if (message.Type == "error") output?.WriteLine($"browser console: {message.Text}");
        };
    }

    public async ValueTask DisposeAsync()
    {
        // One screenshot per test, whatever its outcome.
        await Page.ShootAsync($"Dashboard.{GetType().Name}.{TestContext.Current.TestMethod?.MethodName}");
        // The dashboard's own complaints during the test: a page that shows "An unhandled error has occurred" says no more.
        foreach (var line in fixture.Logs.Lines.Skip(_logsBefore).Where(IsDashboardComplaint))
        {
            TestContext.Current.TestOutputHelper?.WriteLine(line.Message);
        }

        await Context.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Signs this test's browser in to the dashboard and waits for the Resources page.</summary>
    protected async Task SignInToDashboardAsync()
    {
        await Page.SignInAsync(Dashboard, BrowserToken);
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Resources", Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>The dashboard writes JSON lines to its console; DCP hands them to the AppHost as the resource's logs.</summary>
    private static bool IsDashboardComplaint(LogCollector.LogLine line) =>
        line.Category.EndsWith(".Resources.aspire-dashboard", StringComparison.Ordinal)
        && new[] { "Warning", "Error", "Critical" }.Any(level => line.Message.Contains($"\"LogLevel\":\"{level}\"", StringComparison.Ordinal));
}
