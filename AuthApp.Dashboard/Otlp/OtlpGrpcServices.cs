using AuthApp.Dashboard.Otlp.Proto.Collector.Logs;
using AuthApp.Dashboard.Otlp.Proto.Collector.Metrics;
using AuthApp.Dashboard.Otlp.Proto.Collector.Trace;
using AuthApp.Dashboard.Telemetry;
using Grpc.Core;

namespace AuthApp.Dashboard.Otlp;

/// <summary><c>opentelemetry.proto.collector.trace.v1.TraceService</c>.</summary>
internal sealed class OtlpGrpcTraceService(TelemetryStore store) : TraceService.TraceServiceBase
{
    public override Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context)
    {
        store.Add(request);
        return Task.FromResult(new ExportTraceServiceResponse());
    }
}

/// <summary><c>opentelemetry.proto.collector.logs.v1.LogsService</c>.</summary>
internal sealed class OtlpGrpcLogsService(TelemetryStore store) : LogsService.LogsServiceBase
{
    public override Task<ExportLogsServiceResponse> Export(ExportLogsServiceRequest request, ServerCallContext context)
    {
        store.Add(request);
        return Task.FromResult(new ExportLogsServiceResponse());
    }
}

/// <summary><c>opentelemetry.proto.collector.metrics.v1.MetricsService</c>.</summary>
internal sealed class OtlpGrpcMetricsService(TelemetryStore store) : MetricsService.MetricsServiceBase
{
    public override Task<ExportMetricsServiceResponse> Export(ExportMetricsServiceRequest request, ServerCallContext context)
    {
        store.Add(request);
        return Task.FromResult(new ExportMetricsServiceResponse());
    }
}
