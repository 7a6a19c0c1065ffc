using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using AuthApp.Api.Infrastructure;
using AuthApp.Tests.Faults;
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

    [Fact] // decision 0105; S17: no token in telemetry
    public async Task EachRedisCommandOfARequestIsASpanInItsTraceAndNoneCarriesTheToken()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "OpenTelemetry.Instrumentation.StackExchangeRedis",
            Sample = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        using var client = services.Api.CreateClient();
        var (access, _, _) = await client.RegisterAndLoginAsync();

        // The caller's trace id, so spans of other tests' requests (the same process) are told apart.
        var trace = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/users/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The instrumentation turns profiled commands into spans on its own thread, shortly after they complete.
        await Poll.UntilAsync(() => spans.Any(span => span.TraceId == trace), TimeSpan.FromSeconds(30), "the token check's Redis span");
        var ours = spans.Where(span => span.TraceId == trace).ToList();
        Assert.Contains(ours, span => span.DisplayName == "HMGET");
        var hash = new TokenHasherForTests().Hash(access);
        foreach (var (key, value) in ours.SelectMany(span => span.TagObjects))
        {
            var text = value?.ToString() ?? string.Empty;
            Assert.False(text.Contains(access, StringComparison.Ordinal) || text.Contains(hash, StringComparison.Ordinal), $"Redis span tag {key} holds the token or its hash.");
        }
    }
}
