using AuthApp.Dashboard.Otlp.Proto.Collector.Metrics;
using AuthApp.Dashboard.Otlp.Proto.Metrics;

namespace AuthApp.Dashboard.Telemetry;

/// <summary>
/// Instruments and their points per resource. The points of a resource form one arrival queue so the
/// oldest point of any instrument goes first once the limit is reached. Callers hold the store's lock.
/// </summary>
internal sealed class MetricBuffer
{
    private readonly Dictionary<string, ResourceMetricsBuffer> _byResource = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<string> Resources => _byResource.Keys;

    public void Add(ExportMetricsServiceRequest request, TelemetryLimits limits)
    {
        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            var (name, _) = OtlpConversions.Identify(resourceMetrics.Resource);
            if (!_byResource.TryGetValue(name, out var buffer))
            {
                _byResource[name] = buffer = new ResourceMetricsBuffer();
            }

            foreach (var scope in resourceMetrics.ScopeMetrics)
            {
                foreach (var metric in scope.Metrics)
                {
                    buffer.Add(scope.Scope?.Name ?? "", metric, limits);
                }
            }
        }
    }

    public IReadOnlyList<InstrumentSnapshot> Instruments(string resource) =>
        _byResource.TryGetValue(resource, out var buffer) ? buffer.Snapshot() : [];

    public int PointCount(string resource) => _byResource.TryGetValue(resource, out var buffer) ? buffer.PointCount : 0;

    public void Clear() => _byResource.Clear();

    private sealed class ResourceMetricsBuffer
    {
        private readonly Dictionary<InstrumentKey, Instrument> _instruments = [];
        private readonly Queue<Instrument> _arrivals = new();

        public int PointCount => _arrivals.Count;

        public void Add(string meter, Metric metric, TelemetryLimits limits)
        {
            var key = new InstrumentKey(meter, metric.Name);
            if (!_instruments.TryGetValue(key, out var instrument))
            {
                _instruments[key] = instrument = new Instrument(key, metric.Description, metric.Unit, metric.DataCase.ToString());
            }

            foreach (var point in MetricPoints.From(metric, instrument.LastHistograms, limits.MaxAttributesPerItem))
            {
                instrument.Points.Enqueue(point);
                _arrivals.Enqueue(instrument);
                while (_arrivals.Count > limits.MaxMetricPointsPerResource)
                {
                    _arrivals.Dequeue().Points.Dequeue();
                }
            }
        }

        public IReadOnlyList<InstrumentSnapshot> Snapshot() =>
            [.. _instruments.Values
                .OrderBy(i => i.Key.Meter, StringComparer.Ordinal)
                .ThenBy(i => i.Key.Name, StringComparer.Ordinal)
                .Select(i => new InstrumentSnapshot(i.Key, i.Description, i.Unit, i.Kind, [.. i.Points]))];
    }

    private sealed record Instrument(InstrumentKey Key, string Description, string Unit, string Kind)
    {
        public Queue<MetricPoint> Points { get; } = new();

        public Dictionary<string, (double Sum, ulong Count)> LastHistograms { get; } = new(StringComparer.Ordinal);
    }
}
