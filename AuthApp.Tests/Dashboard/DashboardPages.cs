using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AuthApp.Tests.Dashboard;

/// <summary>
/// What the tests do on Aspire's dashboard, by role and accessible name as the dashboard renders them;
/// every wait is on the page or a bounded poll.
/// </summary>
internal static class DashboardPages
{
    /// <summary>Expectations poll up to this long: two shared cores, and telemetry exported about a second late.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Polls the dashboard's address until it answers; DCP starts it alongside the resources.</summary>
    public static async Task WaitUntilServedAsync(Uri dashboard)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(dashboard);
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }

    /// <summary>The login URL Aspire prints: the token in the query, the dashboard sets its cookie and redirects.</summary>
    public static Task<IResponse?> SignInAsync(this IPage page, Uri dashboard, string token) =>
        page.GotoAsync(new Uri(dashboard, $"/login?t={Uri.EscapeDataString(token)}").ToString());

    /// <summary>A resource's row on the Resources page; its name cell reads "&lt;type&gt;: &lt;name&gt;" (e.g. "Project: api").</summary>
    public static ILocator ResourceRow(this IPage page, string resource) =>
        page.GetByRole(AriaRole.Region, new() { Name = "Resources" }).GetByRole(AriaRole.Row).Filter(new()
        {
            Has = page.GetByRole(AriaRole.Gridcell, new() { NameRegex = new Regex($"^\\w+: {Escape(resource)}$") }),
        });

    /// <summary>The State column: second cell of a resource row ("Running", or "Finished" plus an error-count badge).</summary>
    public static ILocator StateCell(this ILocator resourceRow) => resourceRow.GetByRole(AriaRole.Gridcell).Nth(1);

    /// <summary>Opens the row's "…" menu and picks an item (View details, Structured logs, Stop, Restart…).</summary>
    public static async Task ChooseActionAsync(this IPage page, string resource, string action)
    {
        await page.ResourceRow(resource).GetByRole(AriaRole.Button, new() { Name = "Actions", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = action, Exact = true }).ClickAsync();
    }

    /// <summary>
    /// Types into the filter box of the named page (Traces, Structured logs) once it is shown: the Resources page
    /// has a filter box too, which a fill during the navigation would reach.
    /// </summary>
    public static async Task FilterAsync(this IPage page, string pageHeading, string text)
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = pageHeading, Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Searchbox).FillAsync(text);
    }

    /// <summary>
    /// Rows of the Traces grid whose name cell reads "Name: &lt;resource&gt;: &lt;root span&gt; Trace Id: …".
    /// </summary>
    public static ILocator TraceRows(this IPage page, string rootSpan) =>
        page.GetByRole(AriaRole.Region, new() { Name = "Traces" }).GetByRole(AriaRole.Row).Filter(new()
        {
            Has = page.GetByRole(AriaRole.Gridcell, new() { NameRegex = new Regex($"^Name: {Escape(rootSpan)} Trace Id: ") }),
        });

    /// <summary>Rows of a trace's detail grid; a span's name cell reads "&lt;resource&gt;: &lt;span&gt;" plus "Outgoing call to &lt;peer&gt;" for client spans.</summary>
    public static ILocator SpanRows(this IPage page, string nameCell) => SpanRows(page, new PageGetByRoleOptions { Name = nameCell, Exact = true });

    /// <inheritdoc cref="SpanRows(IPage, string)"/>
    public static ILocator SpanRows(this IPage page, Regex nameCell) => SpanRows(page, new PageGetByRoleOptions { NameRegex = nameCell });

    private static ILocator SpanRows(IPage page, PageGetByRoleOptions nameCell) =>
        page.GetByRole(AriaRole.Region, new() { Name = "Trace detail" }).GetByRole(AriaRole.Row).Filter(new()
        {
            Has = page.GetByRole(AriaRole.Gridcell, nameCell),
        });

    /// <summary>
    /// Runs an expectation; when it fails while the dashboard shows Blazor's "An unhandled error has occurred" banner
    /// (a crash of the dashboard's own page, seen once in five runs), reloads, redoes the page setup and tries once more.
    /// Any other failure, or a second crash, fails the test.
    /// </summary>
    public static async Task ReloadOnDashboardCrashAsync(this IPage page, Func<Task> expectation, Func<Task> setUpAgain)
    {
        try
        {
            await expectation();
            return;
        }
        catch (PlaywrightException) when (!page.IsClosed)
        {
            if (!await page.GetByText("An unhandled error has occurred").IsVisibleAsync()) throw;
        }

        await page.ReloadAsync();
        await setUpAgain();
        await expectation();
    }

    /// <summary>Playwright hands a regex to the page as /…/ source, so a slash must be escaped too.</summary>
    private static string Escape(string text) => Regex.Escape(text).Replace("/", "\\/", StringComparison.Ordinal);
}
