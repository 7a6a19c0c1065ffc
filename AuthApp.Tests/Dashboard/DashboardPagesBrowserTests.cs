using AuthApp.Hosting.Runtime;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using static Microsoft.Playwright.Assertions;

namespace AuthApp.Tests.Dashboard;

/// <summary>The dashboard in real Chromium, fed by resources the test publishes and real OTLP it sends.</summary>
public sealed class DashboardPagesBrowserTests
{
    // A meter only this test publishes: the SDK listens to every meter of that name in the process, and
    // in-process API tests (and other dashboard tests) running alongside publish their own.
    private readonly string _testMeter = $"AuthApp.Tests.Dashboard.{Guid.NewGuid():N}";

    private const string SecretPassword = "s3cret-Password-for-the-test";

    [Fact]
    public async Task ASignedInPersonSeesResourcesMaskedEnvironmentConsoleLogsAndCanRestartAProject()
    {
        RecordingCommandService? commands = null;
        await using var host = await DashboardHost.StartAsync(services => services.AddSingleton<IResourceCommandService>(
            sp => commands = new RecordingCommandService(sp.GetRequiredService<ResourceNotificationService>())));
        PublishResources(host.Notifications);
        host.Logs.Write("api", "Now listening on: http://localhost:5100");
        await using var browser = await DashboardBrowser.OpenAsync();

        await browser.GoToAsync(new Uri(host.Endpoints.LoginUrl(host.Secrets.BrowserToken)));

        Assert.Equal(host.FrontendUrl.AbsoluteUri, browser.Page.Url);
        await Expect(browser.TestId("state-api")).ToContainTextAsync("Healthy");
        await Expect(browser.TestId("state-migrations")).ToContainTextAsync("Finished (code 0)");
        await Expect(browser.Page.Locator("a.endpoint", new() { HasText = "http://localhost:5100" })).ToBeVisibleAsync();
        await browser.TestId("details-api").ClickAsync();
        await Expect(browser.TestId("environment")).ToContainTextAsync("ConnectionStrings__authdb");
        await Expect(browser.TestId("environment")).Not.ToContainTextAsync(SecretPassword);
        await browser.TestId("toggle-env-values").ClickAsync();
        await Expect(browser.TestId("environment")).ToContainTextAsync(SecretPassword);
        await browser.ScreenshotAsync("resources");

        await browser.TestId("restart-api").ClickAsync();
        await Expect(browser.TestId("command-message")).ToContainTextAsync("Restart api: done.");
        await Expect(browser.TestId("state-api")).ToContainTextAsync("Healthy");
        Assert.Contains("restart api", commands!.Calls);

        await browser.GoToAsync(new Uri(host.FrontendUrl, "/consolelogs/resource/api"));
        await Expect(browser.TestId("console-log")).ToContainTextAsync("Now listening on: http://localhost:5100");
        host.Logs.Write("api", "a line written while the page is open", isError: true);
        await Expect(browser.TestId("console-log")).ToContainTextAsync("a line written while the page is open");
        await browser.ScreenshotAsync("console-logs");
    }

    [Fact]
    public async Task ASignedInPersonSeesStructuredLogsATraceWaterfallAndAMetricChart()
    {
        await using var host = await DashboardHost.StartAsync();
        PublishResources(host.Notifications);
        var api = new OtlpSender(host.OtlpGrpcUrl, OtlpExportProtocol.Grpc, $"x-otlp-api-key={host.ApiKey}", "api");
        await using var browser = await DashboardBrowser.OpenAsync();

        // Sign in by typing the token, the other way in.
        await browser.Page.GotoAsync(new Uri(host.FrontendUrl, "/login").ToString());
        await browser.TestId("login-token").FillAsync(host.Secrets.BrowserToken);
        await browser.TestId("login-submit").ClickAsync();
        await Expect(browser.TestId("resources-grid")).ToBeVisibleAsync();

        api.SendLog("token issued for a user");
        await browser.GoToAsync(new Uri(host.FrontendUrl, "/structuredlogs"));
        await Expect(browser.TestId("structured-logs")).ToContainTextAsync("token issued for a user");
        api.SendLog("a log arriving while the page is open");
        await Expect(browser.TestId("structured-logs")).ToContainTextAsync("a log arriving while the page is open");
        await browser.TestId("log-message").First.ClickAsync();
        await Expect(browser.TestId("log-details")).ToContainTextAsync("AuthApp.Tests.Sender");
        await browser.ScreenshotAsync("structured-logs");

        var traceId = await SendLoginTraceAsync(host);
        await browser.GoToAsync(new Uri(host.FrontendUrl, "/traces"));
        await Expect(browser.TestId("traces-grid")).ToContainTextAsync("web: POST /login");
        await browser.ScreenshotAsync("traces");
        await browser.TestId("trace-link").First.ClickAsync();
        await browser.Page.WaitForURLAsync($"**/traces/detail/{traceId}");
        await Expect(browser.TestId("span-row")).ToHaveCountAsync(3);
        await Expect(browser.Page.Locator("[data-testid=span-row][data-resource=api]")).ToHaveCountAsync(2);
        await browser.Page.Locator("[data-testid=span-row]", new() { HasText = "SELECT authdb" }).ClickAsync();
        await Expect(browser.TestId("span-details")).ToContainTextAsync("db.system");
        await browser.ScreenshotAsync("trace-detail");

        for (var i = 1; i <= 3; i++)
        {
            api.SendCounter(_testMeter, "authapp.logins", i);
        }

        await browser.GoToAsync(new Uri(host.FrontendUrl, "/metrics/resource/api"));
        await browser.TestId("instrument").Filter(new() { HasText = "authapp.logins" }).ClickAsync();
        await Expect(browser.TestId("chart-line")).ToHaveCountAsync(1);
        await Expect(browser.TestId("metric-chart")).ToContainTextAsync("last 3");
        Assert.True(await browser.TestId("chart-point").CountAsync() >= 3);
        await browser.ScreenshotAsync("metrics");
    }

    private static void PublishResources(ResourceNotificationService notifications)
    {
        var now = DateTimeOffset.UtcNow;
        notifications.Publish("postgres", s => s with { State = KnownResourceStates.Running, HealthStatus = HealthStatus.Healthy, StartTime = now, ProcessId = 100 }, "Container");
        notifications.Publish("migrations", s => s with { State = KnownResourceStates.Finished, ExitCode = 0, StartTime = now }, "Project");
        notifications.Publish("api", s => s with
        {
            State = KnownResourceStates.Running,
            HealthStatus = HealthStatus.Healthy,
            StartTime = now,
            ProcessId = 200,
            Urls = [new ResourceUrl("http", "http://localhost:5100", IsExternal: false)],
            Environment =
            [
                new EnvironmentVariableSnapshot("OTEL_SERVICE_NAME", "api", IsSecret: false),
                new EnvironmentVariableSnapshot("ConnectionStrings__authdb", $"Host=localhost;Password={SecretPassword}", IsSecret: true),
            ],
        }, "Project");
    }

    /// <summary>web → api → postgres, as a login crosses the system, sent over OTLP/HTTP.</summary>
    private static async Task<string> SendLoginTraceAsync(DashboardHost host)
    {
        var traceId = Guid.NewGuid().ToString("N");
        var request = TraceBuilder.Request(traceId,
            ("web", "0000000000000001", "", "POST /login", 0, 120, []),
            ("api", "0000000000000002", "0000000000000001", "POST /token", 10, 100, [("http.route", "/token")]),
            ("api", "0000000000000003", "0000000000000002", "SELECT authdb", 30, 60, [("db.system", "postgresql")]));
        using var client = new HttpClient();
        using var content = new ByteArrayContent(Google.Protobuf.MessageExtensions.ToByteArray(request));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-protobuf");
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(host.OtlpHttpUrl, "/v1/traces")) { Content = content };
        message.Headers.Add("x-otlp-api-key", host.ApiKey);
        using var response = await client.SendAsync(message, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return traceId;
    }
}
