using Microsoft.Extensions.Options;

namespace AuthApp.Api.Features.OpenIdConnect;

/// <summary>
/// Re-reads the published keys every <c>Oidc:KeyRefreshInterval</c>, so a rotation made on one replica reaches the
/// others without a restart. A failed read keeps the keys held (the database may be briefly away).
/// </summary>
public sealed partial class OidcKeyRefresher(
    IServiceScopeFactory scopes, OidcKeyRing ring, IOptions<OidcOptions> options, TimeProvider time, ILogger<OidcKeyRefresher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.KeyRefreshInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (!ring.IsLoaded)
                {
                    // The database was away at startup: do the startup step now.
                    await OidcServices.PrepareAsync(scope.ServiceProvider, stoppingToken);
                }
                else if (await scope.ServiceProvider.GetRequiredService<OidcKeyStore>().RefreshAsync(stoppingToken))
                {
                    LogReloaded(logger);
                }
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
            {
                LogFailed(logger, ex.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "OpenID Connect: the published keys changed; using the new set")]
    private static partial void LogReloaded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenID Connect: could not re-read the keys ({Error}); keeping the ones held")]
    private static partial void LogFailed(ILogger logger, string error);
}
