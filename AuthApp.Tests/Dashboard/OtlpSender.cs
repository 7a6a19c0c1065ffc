using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AuthApp.Tests.Dashboard;

/// <summary>Sends real telemetry with the OpenTelemetry .NET SDK and its OTLP exporter, configured explicitly.</summary>
internal sealed partial class OtlpSender(Uri endpoint, OtlpExportProtocol protocol, string headers, string serviceName)
{
    public string InstanceId { get; } = "abcdefgh";

    public string SendSpan(string spanName)
    {
        var sourceName = "AuthApp.Tests." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(sourceName);
        using var provider = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(Resource())
            .AddSource(sourceName)
            .AddOtlpExporter(o => Configure(o, "/v1/traces"))
            .Build();
        string traceId;
        using (var activity = source.StartActivity(spanName, ActivityKind.Server))
        {
            activity!.SetTag("test.attribute", "value-1");
            traceId = activity.TraceId.ToHexString();
        }

        Assert.True(provider.ForceFlush(10_000));
        return traceId;
    }

    public void SendLog(string message)
    {
        using (var factory = LoggerFactory.Create(logging => logging.AddOpenTelemetry(o =>
        {
            o.SetResourceBuilder(Resource());
            o.IncludeFormattedMessage = true;
            o.AddOtlpExporter(e => Configure(e, "/v1/logs"));
        })))
        {
            LogText(factory.CreateLogger("AuthApp.Tests.Sender"), message);
        }
    }

    public void SendCounter(string meterName, string counterName, long value)
    {
        using var meter = new Meter(meterName);
        using var provider = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(Resource())
            .AddMeter(meterName)
            .AddOtlpExporter(o => Configure(o, "/v1/metrics"))
            .Build();
        meter.CreateCounter<long>(counterName).Add(value);
        Assert.True(provider.ForceFlush(10_000));
    }

    private ResourceBuilder Resource() => ResourceBuilder.CreateEmpty()
        .AddService(serviceName, serviceInstanceId: InstanceId, autoGenerateServiceInstanceId: false);

    private void Configure(OtlpExporterOptions options, string httpPath)
    {
        options.Protocol = protocol;
        // Set in code, the HTTP endpoint is used as is: it must name the signal's path.
        options.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf ? new Uri(endpoint, httpPath) : endpoint;
        options.Headers = headers;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Text}")]
    private static partial void LogText(ILogger logger, string text);
}
