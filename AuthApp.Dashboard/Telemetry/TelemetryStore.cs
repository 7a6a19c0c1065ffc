using AuthApp.Dashboard.Otlp.Proto.Collector.Logs;
using AuthApp.Dashboard.Otlp.Proto.Collector.Metrics;
using AuthApp.Dashboard.Otlp.Proto.Collector.Trace;
using Microsoft.Extensions.Options;

namespace AuthApp.Dashboard.Telemetry;

/// <summary>Which kind of telemetry changed.</summary>
internal enum TelemetryKind
{
    Logs,
    Traces,
    Metrics,
}

/// <summary>
/// The dashboard's in-memory telemetry, bounded per resource. One lock guards it: writes are batches from
/// exporters every second or so, reads are page renders, so contention is negligible.
/// </summary>
internal sealed class TelemetryStore(IOptions<TelemetryLimits> limits)
{
    private readonly Lock _lock = new();
    private readonly LogBuffer _logs = new();
    private readonly TraceBuffer _traces = new();
    private readonly MetricBuffer _metrics = new();

    /// <summary>Raised after data was added or cleared; handlers must be quick (they run on the receiving thread).</summary>
    public event Action<TelemetryKind>? Changed;

    /// <summary>While paused, incoming telemetry is accepted by the receiver but not kept.</summary>
    public bool IsPaused { get; private set; }

    public TelemetryLimits Limits => limits.Value;

    public void SetPaused(bool paused) => IsPaused = paused;

    public void Add(ExportLogsServiceRequest request) => Write(TelemetryKind.Logs, () => _logs.Add(request, Limits));

    public void Add(ExportTraceServiceRequest request) => Write(TelemetryKind.Traces, () => _traces.Add(request, Limits));

    public void Add(ExportMetricsServiceRequest request) => Write(TelemetryKind.Metrics, () => _metrics.Add(request, Limits));

    public IReadOnlyList<LogEntry> GetLogs(LogFilter filter) => Read(() => _logs.Query(filter));

    public IReadOnlyList<TraceEntry> GetTraces(string? resource = null, string? text = null, int take = 200) =>
        Read(() => _traces.Query(resource, text, take));

    public TraceEntry? GetTrace(string traceId) => Read(() => _traces.Get(traceId));

    public IReadOnlyList<InstrumentSnapshot> GetInstruments(string resource) => Read(() => _metrics.Instruments(resource));

    public int GetMetricPointCount(string resource) => Read(() => _metrics.PointCount(resource));

    /// <summary>Every resource that sent any telemetry, sorted.</summary>
    public IReadOnlyList<string> GetResources() =>
        Read(() => _logs.Resources.Concat(_traces.Resources).Concat(_metrics.Resources)
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToArray());

    public void Clear()
    {
        lock (_lock)
        {
            _logs.Clear();
            _traces.Clear();
            _metrics.Clear();
        }

        Changed?.Invoke(TelemetryKind.Logs);
        Changed?.Invoke(TelemetryKind.Traces);
        Changed?.Invoke(TelemetryKind.Metrics);
    }

    private void Write(TelemetryKind kind, Action add)
    {
        if (IsPaused)
        {
            return;
        }

        lock (_lock)
        {
            add();
        }

        Changed?.Invoke(kind);
    }

    private T Read<T>(Func<T> query)
    {
        lock (_lock)
        {
            return query();
        }
    }
}
