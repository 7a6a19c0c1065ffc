using AuthApp.Dashboard;
using AuthApp.Dashboard.Hosting;
using AuthApp.Dashboard.Telemetry;
using AuthApp.Hosting.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AuthApp.Tests.Dashboard;

/// <summary>
/// A host with only the dashboard (no orchestrator), on free ports, whose resources are whatever the test
/// publishes to the notification and logger services.
/// </summary>
public sealed class DashboardHost : IAsyncDisposable
{
    private readonly IHost _host;

    private DashboardHost(IHost host) => _host = host;

    internal TelemetryStore Store => Services.GetRequiredService<TelemetryStore>();

    internal DashboardEndpoints Endpoints => Services.GetRequiredService<DashboardEndpoints>();

    internal DashboardSecrets Secrets => Services.GetRequiredService<DashboardSecrets>();

    public ResourceNotificationService Notifications => Services.GetRequiredService<ResourceNotificationService>();

    public ResourceLoggerService Logs => Services.GetRequiredService<ResourceLoggerService>();

    public IServiceProvider Services => _host.Services;

    public Uri OtlpGrpcUrl => Endpoints.OtlpGrpcUrl;

    public Uri OtlpHttpUrl => Endpoints.OtlpHttpUrl;

    public Uri FrontendUrl => Endpoints.FrontendUrl;

    public string ApiKey => Secrets.OtlpApiKey;

    public static async Task<DashboardHost> StartAsync(
        Action<IServiceCollection>? configureServices = null, params string[] extraArgs)
    {
        var builder = Host.CreateApplicationBuilder(
            ["--Dashboard:Port=0", "--Dashboard:OtlpGrpcPort=0", "--Dashboard:OtlpHttpPort=0", .. extraArgs]);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ResourceNotificationService>();
        builder.Services.AddSingleton<ResourceLoggerService>();
        builder.Services.AddDashboardServices();
        configureServices?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new DashboardHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}
