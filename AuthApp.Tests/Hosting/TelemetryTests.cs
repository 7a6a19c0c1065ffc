using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AuthApp.Api.Infrastructure;
using AuthApp.Tests.Infrastructure;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Hosting;

public sealed class TelemetryTests(TestServices services)
{
    [Fact]
    public async Task LoginsAreCountedByOutcomeUnderTheApisMeter()
    {
        var measurements = new ConcurrentBag<(string Instrument, string? Outcome)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == AuthTelemetry.Name) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            string? outcome = null;
            foreach (var tag in tags)
            {
                if (tag.Key == AuthTelemetry.OutcomeTag) outcome = tag.Value as string;
            }

            measurements.Add((instrument.Name, outcome));
        });
        listener.Start();
        using var client = services.Api.CreateClient();

        var (email, _, _) = await client.RegisterAsync();
        using (await client.PostTokenAsync(email, "definitely the wrong password")) { }

        Assert.Contains((AuthTelemetry.RegistrationsCounter, (string?)null), measurements);
        Assert.Contains((AuthTelemetry.LoginsCounter, "wrong_password"), measurements);
    }

    [Fact]
    public async Task EachPasswordCheckIsTracedWithItsOutcome()
    {
        var activities = new ConcurrentBag<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == AuthTelemetry.Name,
            Sample = (ref _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Add,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        using var client = services.Api.CreateClient();

        await client.RegisterAndLoginAsync();

        Assert.Contains(activities, a => a.OperationName == AuthTelemetry.LoginActivity && (string?)a.GetTagItem(AuthTelemetry.OutcomeTag) == "success");
    }
}
