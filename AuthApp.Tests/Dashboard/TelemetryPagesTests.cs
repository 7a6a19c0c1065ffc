using System.Text.RegularExpressions;
using AuthApp.Tests.AdminSite;
using AuthApp.Tests.AppHost;
using AuthApp.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AuthApp.Tests.Dashboard;

/// <summary>
/// What the projects export over OTLP, as the dashboard's Traces and Structured logs pages show it. The projects
/// export about a second late (Development), so every expectation polls.
/// </summary>
public sealed class TelemetryPagesTests(DashboardFixture fixture) : DashboardTest(fixture)
{
    [Fact]
    public async Task AdminSignInOnTheAdminSiteIsOneTraceThroughWebApiPostgresAndRedis()
    {
        var (email, password) = App.BootstrapAdmin();
        await Page.SignInAsync(App.GetEndpoint("web"), email, password);
        await Assertions.Expect(Page).ToHaveURLAsync(AdminSitePages.UsersPage);
        await SignInToDashboardAsync();

        await Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Traces" }).ClickAsync();
        await Page.FilterAsync("Traces", "POST /login");

        // The site's form post is the root; the API and its database and cache calls join it through trace context.
        var signIn = Page.TraceRows("web: POST /login");
        await Page.ReloadOnDashboardCrashAsync(() => Assertions.Expect(signIn).ToHaveCountAsync(1), () => Page.FilterAsync("Traces", "POST /login"));
        foreach (var resource in new[] { "web", "api", "authdb", "redis" })
        {
            await Assertions.Expect(signIn.GetByRole(AriaRole.Group)).ToContainTextAsync($"{resource} (");
        }

        await signIn.GetByRole(AriaRole.Gridcell).Nth(1).ClickAsync();
        await Assertions.Expect(Page.SpanRows("web: POST /login")).ToHaveCountAsync(1);
        await Assertions.Expect(Page.SpanRows("api: POST /token")).ToHaveCountAsync(1);
        await Assertions.Expect(Page.SpanRows("api: GET /users/me")).ToHaveCountAsync(1);
        // Npgsql's spans are the API's client calls, shown against the database resource they reach.
        await Assertions.Expect(Page.SpanRows("api: postgresql Outgoing call to authdb").First).ToBeVisibleAsync();
        await Assertions.Expect(Page.SpanRows(new Regex("^api: DATA redis \\w+ Outgoing call to redis$")).First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task RegistrationLoggedByTheApiAppearsInItsStructuredLogs()
    {
        using var api = App.CreateHttpClient("api");
        var (_, _, user) = await api.RegisterAsync();
        var userId = user.GetProperty("id").GetString()!;
        await SignInToDashboardAsync();

        await Page.ChooseActionAsync("api", "Structured logs");
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/structuredlogs/resource/api$"));
        await Page.FilterAsync("Structured logs", userId);

        var entry = Page.GetByRole(AriaRole.Region, new() { Name = "Structured logs" }).GetByRole(AriaRole.Row).Filter(new() { HasText = $"Registered user {userId}" });
        await Assertions.Expect(entry).ToHaveCountAsync(1);
        await Assertions.Expect(entry.GetByRole(AriaRole.Gridcell).Nth(0)).ToHaveTextAsync("api");
        await Assertions.Expect(entry.GetByRole(AriaRole.Gridcell).Nth(1)).ToHaveTextAsync("Information");
    }
}
