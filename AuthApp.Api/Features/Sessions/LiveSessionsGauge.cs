using System.Diagnostics.Metrics;
using AuthApp.Api.Features.Tokens;
using AuthApp.Api.Infrastructure;
using StackExchange.Redis;

namespace AuthApp.Api.Features.Sessions;

/// <summary>
/// <c>authapp.sessions.live</c>: sessions whose refresh token has not expired, counted in Redis when
/// the exporter asks (once per export interval), so expiry needs no bookkeeping. Made through
/// <see cref="IMeterFactory"/> because its callback needs this application's Redis.
/// </summary>
internal sealed class LiveSessionsGauge : IHostedService
{
    public LiveSessionsGauge(IMeterFactory meters, TokenFamilies families)
    {
        meters.Create(AuthTelemetry.Name).CreateObservableGauge(
            AuthTelemetry.LiveSessionsGauge,
            () => Observe(families),
            unit: "{session}",
            description: "Sessions (logins) whose refresh token is still valid.");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static IEnumerable<Measurement<long>> Observe(TokenFamilies families)
    {
        try
        {
            return [new Measurement<long>(families.CountLive())];
        }
        catch (RedisException)
        {
            // No reading beats a wrong one; /health already reports Redis down.
            return [];
        }
    }
}
