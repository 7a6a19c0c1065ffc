using AuthApp.Tests.Infrastructure;
using AuthApp.Dashboard.Hosting;
using AuthApp.Dashboard.Telemetry;
using AuthApp.Hosting.Runtime;
using AuthApp.Hosting.Testing;
using AuthApp.Tests.AppHost;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace AuthApp.Tests.Dashboard;

/// <summary>The whole application through the testing builder, watched through its dashboard in Chromium.</summary>
public sealed class WholeSystemDashboardTests
{
    private static readonly string[] DashboardOnFreePorts =
        ["--Dashboard:Enabled=true", "--Dashboard:Port=0", "--Dashboard:OtlpGrpcPort=0", "--Dashboard:OtlpHttpPort=0"];

    [Fact]
    public async Task APersonFollowsALoginFromTheApiDownToTheDatabaseAndRestartsTheApi()
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

        using (var api = app.CreateHttpClient("api"))
        {
            var (email, password, _) = await api.RegisterAsync();
            await api.LoginAsync(email, password);
        }

        var login = await Eventually.GetAsync(() => store.GetTraces("api", "/token").FirstOrDefault(HasDatabaseSpan), "the login trace with Npgsql spans", seconds: 60);
        var database = login.Spans.First(IsDatabaseSpan);
        await browser.GoToAsync(new Uri(endpoints.FrontendUrl, $"/traces/detail/{login.TraceId}"));
        await Expect(browser.Page.Locator($"[data-testid=span-row][data-span-id='{login.Root.SpanId}']")).ToContainTextAsync("/token");
        await browser.Page.Locator($"[data-testid=span-row][data-span-id='{database.SpanId}']").ClickAsync();
        await Expect(browser.TestId("span-details")).ToContainTextAsync("postgresql");
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

    private static bool HasDatabaseSpan(TraceEntry trace) =>
        trace.Spans.Any(s => s.Resource == "api" && s.Kind == "Server") && trace.Spans.Any(IsDatabaseSpan);

    private static bool IsDatabaseSpan(SpanEntry span) =>
        span.Resource == "api" && span.Attributes.Any(a => a.Key.StartsWith("db.system", StringComparison.Ordinal) && a.Value == "postgresql");
}
