using AuthApp.Dashboard.Hosting;
using AuthApp.Dashboard.Telemetry;
using AuthApp.Hosting;
using AuthApp.Hosting.Runtime;
using AuthApp.Hosting.Testing;
using AuthApp.Tests.AdminSite;
using AuthApp.Tests.AppHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AuthApp.Tests.Dashboard;

/// <summary>
/// The whole application through the testing builder, watched through its dashboard in Chromium. One test walks
/// through every page, because starting the whole system costs far more than any single check.
/// </summary>
[Collection(nameof(StandaloneAppHostCollection))]
public sealed class WholeSystemDashboardTests
{
    private static readonly string[] DashboardOnFreePorts =
        ["--Dashboard:Enabled=true", "--Dashboard:Port=0", "--Dashboard:OtlpGrpcPort=0", "--Dashboard:OtlpHttpPort=0"];

    [Fact]
    public async Task APersonFollowsAnAdminSiteSignInThroughTheApiDownToTheDatabaseAndRestartsTheApi()
    {
        await using var app = await AppHostFixture.StartAsync(DashboardOnFreePorts);
        var endpoints = app.Services.GetRequiredService<DashboardEndpoints>();
        var secrets = app.Services.GetRequiredService<DashboardSecrets>();
        var store = app.Services.GetRequiredService<TelemetryStore>();
        await using var browser = await DashboardBrowser.OpenAsync();
        browser.Page.SetDefaultTimeout(60_000);

        await browser.GoToAsync(new Uri(endpoints.LoginUrl(secrets.BrowserToken)));
        foreach (var resource in new[] { "postgres", "redis", "api", "web" })
        {
            await Expect(browser.TestId($"state-{resource}")).ToContainTextAsync("Healthy");
        }

        await Expect(browser.TestId("state-migrations")).ToContainTextAsync("Finished (code 0)");
        await browser.ScreenshotAsync("system-resources");

        await browser.GoToAsync(new Uri(endpoints.FrontendUrl, "/consolelogs/resource/api"));
        await Expect(browser.TestId("console-log")).ToContainTextAsync("Now listening on");
        await browser.ScreenshotAsync("system-console-logs");

        await SignInToTheAdminSiteAsync(browser, app);
        var signIn = await Eventually.GetAsync(() => store.GetTraces("web").FirstOrDefault(IsAdminSiteSignIn), "the admin-site sign-in traced through web, api and Npgsql", seconds: 60);
        await browser.GoToAsync(new Uri(endpoints.FrontendUrl, "/traces?resource=web"));
        await browser.Page.Locator($"[data-testid=trace-link][href='/traces/detail/{signIn.TraceId}']").ClickAsync();
        await Expect(browser.Page).ToHaveURLAsync(new Uri(endpoints.FrontendUrl, $"/traces/detail/{signIn.TraceId}").ToString());
        await ExpectWaterfallFromWebThroughApiToDatabaseAsync(browser, signIn);
        await browser.ScreenshotAsync("system-trace-detail");

        var log = await Eventually.GetAsync(() => store.GetLogs(new LogFilter { Resource = "api" }).FirstOrDefault(l => l.Message.Length > 0), "a log of the api", seconds: 60);
        await browser.GoToAsync(new Uri(endpoints.FrontendUrl, "/structuredlogs?resource=api"));
        await Expect(browser.TestId("structured-logs")).ToContainTextAsync(log.Message);
        await browser.ScreenshotAsync("system-structured-logs");

        await Eventually.GetAsync(() => store.GetInstruments("api").FirstOrDefault(i => i.Key.Name == "http.server.request.duration" && i.Points.Count > 0), "request durations", seconds: 60);
        await browser.GoToAsync(new Uri(endpoints.FrontendUrl, "/metrics/resource/api?meter=Microsoft.AspNetCore.Hosting&instrument=http.server.request.duration"));
        await Expect(browser.TestId("chart-point").First).ToBeVisibleAsync();
        await browser.ScreenshotAsync("system-metrics");

        var before = app.ResourceNotifications.Current["api"].ProcessId;
        await browser.GoToAsync(endpoints.FrontendUrl);
        await browser.TestId("restart-api").ClickAsync();
        await Expect(browser.TestId("command-message")).ToContainTextAsync("Restart api: done.", new() { Timeout = 120_000 });
        await app.WaitForStateAsync("api", s => s.State == KnownResourceStates.Running && s.HealthStatus == HealthStatus.Healthy && s.ProcessId != before);
        await browser.TestId("details-api").ClickAsync();
        await Expect(browser.TestId("process-id")).Not.ToHaveTextAsync(before?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
        await Expect(browser.TestId("state-api")).ToContainTextAsync("Healthy");
        await browser.ScreenshotAsync("system-after-restart");
    }

    /// <summary>The bootstrap admin signs in by the site's form, which posts to the Web, which asks the API.</summary>
    private static async Task SignInToTheAdminSiteAsync(DashboardBrowser browser, DistributedApplication app)
    {
        var (email, password) = app.BootstrapAdmin();
        await browser.Page.SignInAsync(app.GetEndpoint("web"), email, password);
        await browser.Page.Locator("#users-grid").WaitForAsync();
        await browser.ScreenshotAsync("system-admin-site-signed-in");
    }

    /// <summary>Rows for the Web's form post, its call to the API, the API's /token and one of its queries.</summary>
    private static async Task ExpectWaterfallFromWebThroughApiToDatabaseAsync(DashboardBrowser browser, TraceEntry signIn)
    {
        ILocator Row(SpanEntry span) => browser.Page.Locator($"[data-testid=span-row][data-span-id='{span.SpanId}']");
        var token = signIn.Spans.First(IsApiToken);
        var call = signIn.Spans.First(s => s.SpanId == token.ParentSpanId);
        var query = signIn.Spans.First(IsDatabaseSpan);

        await Expect(Row(signIn.Root)).ToHaveAttributeAsync("data-resource", "web");
        await Expect(Row(signIn.Root)).ToContainTextAsync("POST /login");
        await Expect(Row(call)).ToHaveAttributeAsync("data-resource", "web");
        await Expect(Row(token)).ToHaveAttributeAsync("data-resource", "api");
        await Expect(Row(token)).ToContainTextAsync("/token");
        await Row(query).ClickAsync();
        await Expect(browser.TestId("span-details")).ToContainTextAsync("postgresql");
    }

    /// <summary>The form post to the Web's /login, the Web's call to the API's /token, and a query of the API.</summary>
    private static bool IsAdminSiteSignIn(TraceEntry trace) =>
        trace.Root is { Resource: "web", Kind: "Server" } root && root.Name == "POST /login"
        && trace.Spans.Any(token => IsApiToken(token) && trace.Spans.Any(call => call.SpanId == token.ParentSpanId && call.Resource == "web"))
        && trace.Spans.Any(IsDatabaseSpan);

    private static bool IsApiToken(SpanEntry span) =>
        span is { Resource: "api", Kind: "Server" } && span.Name.EndsWith("/token", StringComparison.Ordinal);

    private static bool IsDatabaseSpan(SpanEntry span) =>
        span.Resource == "api" && span.Attributes.Any(a => a.Key.StartsWith("db.system", StringComparison.Ordinal) && a.Value == "postgresql");
}
