using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AuthApp.Api.Infrastructure;
using AuthApp.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Hosting;

/// <summary>The protection counters and the live-sessions gauge, read through a MeterListener.</summary>
public sealed class ProtectionTelemetryTests(TestServices services)
{
    [Fact]
    public async Task LockoutsRefreshesReuseAndIntrospectionsAreCounted()
    {
        var measurements = new ConcurrentBag<(string Instrument, string? Tag)>();
        using var listener = Listen(measurements);
        using var client = services.Api.CreateClient();
        var (email, password, _) = await client.RegisterAsync();
        var (access, refresh) = await client.LoginPairAsync(email, password);

        using (await client.IntrospectAsync(access)) { }
        await client.RefreshPairAsync(refresh);
        using (await client.RefreshAsync(refresh)) { }
        for (var i = 0; i < 5; i++)
        {
            using var failed = await client.PostTokenAsync(email, "not the password at all");
        }

        Assert.Contains((AuthTelemetry.IntrospectionsCounter, "active"), measurements);
        Assert.Contains((AuthTelemetry.RefreshesCounter, "success"), measurements);
        Assert.Contains((AuthTelemetry.RefreshesCounter, "reused"), measurements);
        Assert.Contains((AuthTelemetry.RefreshReuseCounter, (string?)null), measurements);
        Assert.Contains((AuthTelemetry.LockoutsCounter, "account"), measurements);
    }

    [Fact]
    public async Task LiveSessionsGaugeFollowsLoginsAndLogouts()
    {
        // A Redis of its own: the gauge counts every session in Redis, and other tests log in concurrently.
        await using var redis = await RedisServer.StartAsync();
        await using var api = services.CreateApi(settings => settings["ConnectionStrings:redis"] = redis.ConnectionString);
        using var client = api.CreateClient();
        var meters = api.Services.GetRequiredService<IMeterFactory>();
        var (email, password, _) = await client.RegisterAsync();

        Assert.Equal(0, ReadGauge(meters));
        var (first, _) = await client.LoginPairAsync(email, password);
        var (_, secondRefresh) = await client.LoginPairAsync(email, password);
        Assert.Equal(2, ReadGauge(meters));
        await client.RefreshPairAsync(secondRefresh);
        Assert.Equal(2, ReadGauge(meters));
        using (await client.SendAsBearerAsync(HttpMethod.Post, "/revoke", first)) { }
        Assert.Equal(1, ReadGauge(meters));
    }

    private static long? ReadGauge(IMeterFactory meters)
    {
        long? value = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == AuthTelemetry.LiveSessionsGauge && instrument.Meter.Scope == meters) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, measurement, _, _) => value = measurement);
        listener.Start();
        listener.RecordObservableInstruments();
        return value;
    }

    private static MeterListener Listen(ConcurrentBag<(string, string?)> measurements)
    {
        var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == AuthTelemetry.Name) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            string? tag = null;
            foreach (var pair in tags)
            {
                if (pair.Key is AuthTelemetry.OutcomeTag or AuthTelemetry.ScopeTag) tag = pair.Value as string;
            }

            measurements.Add((instrument.Name, tag));
        });
        listener.Start();
        return listener;
    }
}
