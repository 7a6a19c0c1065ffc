using System.Security.Cryptography;
using AuthApp.Tests.AppHost;
using AuthApp.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AuthApp.Tests.Dashboard;

/// <summary>
/// The whole system through the AppHost's own model with Aspire's dashboard on (the testing builder turns it off),
/// on free ports over http, plus one Chromium for the collection's tests.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    private readonly string _state = StateFolders.Create("authapp-dashboard-");
    private IPlaywright? _playwright;

    public DistributedApplication App { get; private set; } = null!;

    public LogCollector Logs { get; } = new();

    /// <summary>
    /// Where the dashboard's UI answers: not at ASPNETCORE_URLS, as the testing builder has DCP put every proxied
    /// endpoint with a fixed port, the dashboard's included, on a random one.
    /// </summary>
    public Uri Dashboard { get; private set; } = null!;

    /// <summary>The token its login page accepts: ours, so no test has to read it from the AppHost's output.</summary>
    public string BrowserToken { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout((float)DashboardPages.Patience.TotalMilliseconds);
        App = await AppHostFixture.StartAsync(AppHostFixture.Arguments(_state, DashboardArguments()), Logs, configureBuilder: (options, _) => options.DisableDashboard = false);
        // Aspire copies the token it was given into AppHost:BrowserToken and hands that one to the dashboard.
        var handedOver = App.Services.GetRequiredService<IConfiguration>()["AppHost:BrowserToken"];
        if (handedOver != BrowserToken) throw new InvalidOperationException($"The dashboard got another browser token: '{handedOver}'.");
        Dashboard = App.GetEndpoint("aspire-dashboard", "http");
        try
        {
            await DashboardPages.WaitUntilServedAsync(Dashboard);
        }
        catch (HttpRequestException e)
        {
            var said = Logs.Lines.Where(l => l.Everything.Contains("dashboard", StringComparison.OrdinalIgnoreCase)).Select(l => $"{l.Category}: {l.Message}");
            throw new InvalidOperationException($"The dashboard did not answer at {Dashboard}: {e.Message}{Environment.NewLine}{string.Join(Environment.NewLine, said)}", e);
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }

        StateFolders.Delete(_state);
    }

    /// <summary>
    /// What the http launch profile sets, on free ports (its fixed ones would collide with a developer's
    /// `dotnet run`), and every key Aspire would otherwise generate into the AppHost's user secrets.
    /// </summary>
    private string[] DashboardArguments() =>
    [
        $"--ASPNETCORE_URLS=http://localhost:{ProcessRunner.FreePort()}",
        $"--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://localhost:{ProcessRunner.FreePort()}",
        $"--ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL=http://localhost:{ProcessRunner.FreePort()}",
        $"--ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://localhost:{ProcessRunner.FreePort()}",
        "--ASPIRE_ALLOW_UNSECURED_TRANSPORT=true",
        $"--ASPIRE_DASHBOARD_FRONTEND_BROWSERTOKEN={BrowserToken}",
        $"--AppHost:OtlpApiKey={Secret()}",
        $"--AppHost:DashboardApiKey={Secret()}",
        $"--ASPIRE_DASHBOARD_RESOURCESERVICE_APIKEY={Secret()}",
    ];

    private static string Secret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

/// <summary>The dashboard tests share one running system; kept apart from parallel collections like the other AppHost ones.</summary>
[CollectionDefinition(nameof(DashboardCollection), DisableParallelization = true)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>;
