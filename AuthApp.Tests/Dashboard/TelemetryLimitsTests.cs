using AuthApp.Dashboard.Otlp.Proto.Collector.Logs;
using AuthApp.Dashboard.Otlp.Proto.Collector.Metrics;
using AuthApp.Dashboard.Otlp.Proto.Common;
using AuthApp.Dashboard.Otlp.Proto.Logs;
using AuthApp.Dashboard.Otlp.Proto.Metrics;
using AuthApp.Dashboard.Telemetry;
using Microsoft.Extensions.Options;
using OtlpResource = AuthApp.Dashboard.Otlp.Proto.Resource.Resource;

namespace AuthApp.Tests.Dashboard;

public sealed class TelemetryLimitsTests
{
    [Fact]
    public async Task LogsOverTheLimitDropTheOldestOfThatResourceOnly()
    {
        await using var host = await DashboardHost.StartAsync(extraArgs: "--Dashboard:Telemetry:MaxLogsPerResource=3");
        var api = new OtlpSender(host.OtlpHttpUrl, OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf, $"x-otlp-api-key={host.ApiKey}", "api");
        var web = new OtlpSender(host.OtlpHttpUrl, OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf, $"x-otlp-api-key={host.ApiKey}", "web");

        web.SendLog("web 1");
        for (var i = 1; i <= 5; i++)
        {
            api.SendLog($"api {i}");
        }

        await Eventually.GetAsync(() => (host.Store.GetLogs(new LogFilter { Text = "api 5" }) is [var first, ..] ? first : null), "the last log");
        var apiLogs = host.Store.GetLogs(new LogFilter { Resource = "api" }).Select(l => l.Message).Order();
        Assert.Equal(["api 3", "api 4", "api 5"], apiLogs);
        Assert.Single(host.Store.GetLogs(new LogFilter { Resource = "web" }));
    }

    [Fact]
    public void TracesOverTheLimitDropTheOldestTrace()
    {
        var store = Store(new TelemetryLimits { MaxTracesPerResource = 2 });

        foreach (var name in new[] { "first", "second", "third" })
        {
            store.Add(OtlpApiKeyTests.OneSpan(name));
        }

        Assert.Equal(["second", "third"], store.GetTraces().Select(t => t.Root.Name).Order());
    }

    [Fact]
    public void SpansBeyondTheLimitOfOneTraceAreDroppedAndItsFirstSpansKept()
    {
        var store = Store(new TelemetryLimits { MaxSpansPerTrace = 3 });
        var request = OtlpApiKeyTests.OneSpan("span 1");
        var first = request.ResourceSpans[0].ScopeSpans[0].Spans[0];
        for (var i = 2; i <= 5; i++)
        {
            var next = first.Clone();
            next.SpanId = Google.Protobuf.ByteString.CopyFrom(BitConverter.GetBytes((long)i));
            next.Name = $"span {i}";
            request.ResourceSpans[0].ScopeSpans[0].Spans.Add(next);
        }

        store.Add(request);

        var trace = Assert.Single(store.GetTraces());
        Assert.Equal(["span 1", "span 2", "span 3"], trace.Spans.Select(s => s.Name).Order());
    }

    [Fact]
    public void MetricPointsOverTheLimitDropTheOldestPointsAcrossInstruments()
    {
        var store = Store(new TelemetryLimits { MaxMetricPointsPerResource = 3 });

        store.Add(Gauge("a", 1, 1));
        store.Add(Gauge("b", 2, 2));
        store.Add(Gauge("a", 3, 3));
        store.Add(Gauge("b", 4, 4));

        var instruments = store.GetInstruments("api").ToDictionary(i => i.Key.Name, i => i.Points.Select(p => p.Value).ToArray());
        Assert.Equal([3.0], instruments["a"]);
        Assert.Equal([2.0, 4.0], instruments["b"]);
        Assert.Equal(3, store.GetMetricPointCount("api"));
    }

    [Fact]
    public void AttributesBeyondTheLimitAreNotKept()
    {
        var store = Store(new TelemetryLimits { MaxAttributesPerItem = 128 });
        var record = new LogRecord { Body = new AnyValue { StringValue = "many attributes" }, SeverityNumber = SeverityNumber.Info };
        for (var i = 0; i < 200; i++)
        {
            record.Attributes.Add(new KeyValue { Key = $"k{i}", Value = new AnyValue { IntValue = i } });
        }

        store.Add(new ExportLogsServiceRequest
        {
            ResourceLogs = { new ResourceLogs { Resource = Api(), ScopeLogs = { new ScopeLogs { LogRecords = { record } } } } },
        });

        var entry = Assert.Single(store.GetLogs(new LogFilter()));
        Assert.Equal(128, entry.Attributes.Count);
        Assert.Equal("k127", entry.Attributes[^1].Key);
    }

    [Fact]
    public void LogFilterMatchesResourceMinimumLevelTextAndTrace()
    {
        var store = Store(new TelemetryLimits());
        store.Add(Logs(("debug detail", SeverityNumber.Debug), ("login failed", SeverityNumber.Warn), ("crash", SeverityNumber.Error)));

        Assert.Equal(["crash", "login failed"], store.GetLogs(new LogFilter { MinimumLevel = "Warning" }).Select(l => l.Message).Order());
        Assert.Equal(["login failed"], store.GetLogs(new LogFilter { Text = "LOGIN" }).Select(l => l.Message));
        Assert.Empty(store.GetLogs(new LogFilter { Resource = "web" }));
        Assert.Empty(store.GetLogs(new LogFilter { TraceId = "0102" }));
    }

    private static TelemetryStore Store(TelemetryLimits limits) => new(Options.Create(limits));

    private static OtlpResource Api() =>
        new() { Attributes = { new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "api" } } } };

    private static ExportLogsServiceRequest Logs(params (string Message, SeverityNumber Severity)[] records)
    {
        var scope = new ScopeLogs();
        foreach (var (message, severity) in records)
        {
            scope.LogRecords.Add(new LogRecord { Body = new AnyValue { StringValue = message }, SeverityNumber = severity, TimeUnixNano = 1 });
        }

        return new ExportLogsServiceRequest { ResourceLogs = { new ResourceLogs { Resource = Api(), ScopeLogs = { scope } } } };
    }

    private static ExportMetricsServiceRequest Gauge(string name, double value, ulong time) => new()
    {
        ResourceMetrics =
        {
            new ResourceMetrics
            {
                Resource = Api(),
                ScopeMetrics =
                {
                    new ScopeMetrics
                    {
                        Metrics = { new Metric { Name = name, Gauge = new Gauge { DataPoints = { new NumberDataPoint { AsDouble = value, TimeUnixNano = time } } } } },
                    },
                },
            },
        },
    };
}
