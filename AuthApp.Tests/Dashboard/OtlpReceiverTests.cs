using AuthApp.Dashboard.Telemetry;
using OpenTelemetry.Exporter;

namespace AuthApp.Tests.Dashboard;

public sealed class OtlpReceiverTests
{
    // A meter only this test publishes: the SDK listens to every meter of that name in the process, and
    // in-process API tests (and other dashboard tests) running alongside publish their own.
    private readonly string _testMeter = $"AuthApp.Tests.Dashboard.{Guid.NewGuid():N}";

    [Theory]
    [InlineData(OtlpExportProtocol.Grpc)]
    [InlineData(OtlpExportProtocol.HttpProtobuf)]
    public async Task TracesLogsAndMetricsFromTheOpenTelemetryExporterReachTheStore(OtlpExportProtocol protocol)
    {
        await using var host = await DashboardHost.StartAsync();
        var endpoint = protocol == OtlpExportProtocol.Grpc ? host.OtlpGrpcUrl : host.OtlpHttpUrl;
        var sender = new OtlpSender(endpoint, protocol, $"x-otlp-api-key={host.ApiKey}", "api");

        var traceId = sender.SendSpan("POST /token");
        sender.SendLog("user signed in");
        sender.SendCounter(_testMeter, "authapp.logins", 3);

        var trace = await Eventually.GetAsync(() => host.Store.GetTrace(traceId), "the trace");
        var span = Assert.Single(trace.Spans);
        Assert.Equal(("api", "POST /token", "Server"), (span.Resource, span.Name, span.Kind));
        Assert.Contains(new TelemetryAttribute("test.attribute", "value-1"), span.Attributes);

        var log = await Eventually.GetAsync(() => (host.Store.GetLogs(new LogFilter { Text = "user signed in" }) is [var first, ..] ? first : null), "the log");
        Assert.Equal(("api", "abcdefgh", "Warning", "AuthApp.Tests.Sender"), (log.Resource, log.InstanceId, log.Level, log.Category));

        var counter = await Eventually.GetAsync(
            () => host.Store.GetInstruments("api").FirstOrDefault(i => i.Key.Name == "authapp.logins" && i.Points.Count > 0), "the counter");
        Assert.Equal(_testMeter, counter.Key.Meter);
        Assert.Equal(3, counter.Points[^1].Value);
    }

    [Fact]
    public async Task TelemetryIsDroppedWhilePausedAndKeptAgainAfterResuming()
    {
        await using var host = await DashboardHost.StartAsync();
        var sender = new OtlpSender(host.OtlpGrpcUrl, OtlpExportProtocol.Grpc, $"x-otlp-api-key={host.ApiKey}", "api");

        host.Store.SetPaused(true);
        var pausedTrace = sender.SendSpan("while paused");
        host.Store.SetPaused(false);
        var resumedTrace = sender.SendSpan("after resuming");

        await Eventually.GetAsync(() => host.Store.GetTrace(resumedTrace), "the trace sent after resuming");
        Assert.Null(host.Store.GetTrace(pausedTrace));
    }

    [Fact]
    public async Task ClearingRemovesEveryKindOfTelemetry()
    {
        await using var host = await DashboardHost.StartAsync();
        var sender = new OtlpSender(host.OtlpHttpUrl, OtlpExportProtocol.HttpProtobuf, $"x-otlp-api-key={host.ApiKey}", "web");
        var traceId = sender.SendSpan("GET /");
        sender.SendLog("hello");
        sender.SendCounter("m", "c", 1);
        await Eventually.GetAsync(() => (host.Store.GetInstruments("web") is [var first, ..] ? first : null), "the counter");

        host.Store.Clear();

        Assert.Null(host.Store.GetTrace(traceId));
        Assert.Empty(host.Store.GetLogs(new LogFilter()));
        Assert.Empty(host.Store.GetInstruments("web"));
    }
}
