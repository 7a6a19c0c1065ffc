using AuthApp.Dashboard;
using AuthApp.Dashboard.Hosting;
using AuthApp.Dashboard.Telemetry;
using AuthApp.Hosting;
using AuthApp.Hosting.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace AuthApp.Tests.Dashboard;

/// <summary>
/// An AppHost with only the dashboard, on free ports, whose resources are whatever the test publishes to
/// the notification and logger services.
/// </summary>
public sealed class DashboardHost : IAsyncDisposable
{
    private readonly DistributedApplication _app;

    private DashboardHost(DistributedApplication app) => _app = app;

    internal TelemetryStore Store => _app.Services.GetRequiredService<TelemetryStore>();

    internal DashboardEndpoints Endpoints => _app.Services.GetRequiredService<DashboardEndpoints>();

    internal DashboardSecrets Secrets => _app.Services.GetRequiredService<DashboardSecrets>();

    public ResourceNotificationService Notifications => _app.ResourceNotifications;

    public ResourceLoggerService Logs => _app.ResourceLogs;

    public IServiceProvider Services => _app.Services;

    public Uri OtlpGrpcUrl => Endpoints.OtlpGrpcUrl;

    public Uri OtlpHttpUrl => Endpoints.OtlpHttpUrl;

    public Uri FrontendUrl => Endpoints.FrontendUrl;

    public string ApiKey => Secrets.OtlpApiKey;

    public static async Task<DashboardHost> StartAsync(
        Action<IServiceCollection>? configureServices = null, params string[] extraArgs)
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            Args = ["--Dashboard:Port=0", "--Dashboard:OtlpGrpcPort=0", "--Dashboard:OtlpHttpPort=0", .. extraArgs],
        });
        builder.AddDashboard();
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new DashboardHost(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
