using Microsoft.Extensions.Logging;

namespace AuthApp.Dashboard.Hosting;

/// <summary>
/// Writes the dashboard's logs through the AppHost's logging, after the dashboard's own filters: ASP.NET Core's
/// per-request lines would otherwise print every sign-in URL, token included.
/// </summary>
internal sealed class AppHostLoggerProvider(ILoggerFactory appHost) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => appHost.CreateLogger(categoryName);

    public void Dispose()
    {
        // The AppHost owns its logger factory.
    }
}
