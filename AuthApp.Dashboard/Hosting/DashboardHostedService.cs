using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AuthApp.Dashboard.Hosting;

/// <summary>Starts the dashboard with the AppHost and prints the sign-in link.</summary>
internal sealed class DashboardHostedService(
    IServiceProvider services, DashboardEndpoints endpoints, DashboardSecrets secrets, ILogger<DashboardHostedService> logger)
    : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _app = DashboardWebApplication.Build(services);
        await _app.StartAsync(cancellationToken);
        DashboardLog.LoginUrl(logger, endpoints.LoginUrl(secrets.BrowserToken));
        DashboardLog.OtlpEndpoints(logger, endpoints.OtlpGrpcUrl.OriginalString, endpoints.OtlpHttpUrl.OriginalString);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
