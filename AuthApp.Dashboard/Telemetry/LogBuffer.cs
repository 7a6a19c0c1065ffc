using AuthApp.Dashboard.Otlp.Proto.Collector.Logs;

namespace AuthApp.Dashboard.Telemetry;

/// <summary>Log records per resource, oldest dropped first. Callers hold the store's lock.</summary>
internal sealed class LogBuffer
{
    private readonly Dictionary<string, Queue<LogEntry>> _byResource = new(StringComparer.OrdinalIgnoreCase);
    private long _sequence;

    public IEnumerable<string> Resources => _byResource.Keys;

    public void Add(ExportLogsServiceRequest request, TelemetryLimits limits)
    {
        foreach (var resourceLogs in request.ResourceLogs)
        {
            var (name, instance) = OtlpConversions.Identify(resourceLogs.Resource);
            var queue = GetQueue(name);
            foreach (var scope in resourceLogs.ScopeLogs)
            {
                foreach (var record in scope.LogRecords)
                {
                    var time = record.TimeUnixNano != 0 ? record.TimeUnixNano : record.ObservedTimeUnixNano;
                    queue.Enqueue(new LogEntry(
                        ++_sequence,
                        name,
                        instance,
                        OtlpConversions.FromUnixNanos(time),
                        OtlpConversions.LevelName((int)record.SeverityNumber),
                        (int)record.SeverityNumber,
                        OtlpConversions.ToText(record.Body),
                        scope.Scope?.Name ?? "",
                        OtlpConversions.ToHex(record.TraceId),
                        OtlpConversions.ToHex(record.SpanId),
                        OtlpConversions.ToAttributes(record.Attributes, limits.MaxAttributesPerItem)));
                    while (queue.Count > limits.MaxLogsPerResource)
                    {
                        queue.Dequeue();
                    }
                }
            }
        }
    }

    public IReadOnlyList<LogEntry> Query(LogFilter filter) =>
        [.. _byResource.Values.SelectMany(q => q).Where(filter.Matches).OrderByDescending(e => e.Timestamp).ThenByDescending(e => e.Sequence).Take(filter.Take)];

    public void Clear() => _byResource.Clear();

    private Queue<LogEntry> GetQueue(string resource)
    {
        if (!_byResource.TryGetValue(resource, out var queue))
        {
            _byResource[resource] = queue = new Queue<LogEntry>();
        }

        return queue;
    }
}
