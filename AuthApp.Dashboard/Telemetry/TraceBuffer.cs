using AuthApp.Dashboard.Otlp.Proto.Collector.Trace;
using AuthApp.Dashboard.Otlp.Proto.Trace;

namespace AuthApp.Dashboard.Telemetry;

/// <summary>
/// Spans grouped into traces. Each resource remembers the traces it took part in, in arrival order;
/// past the limit its oldest trace loses that resource's spans (and disappears once no span is left).
/// Callers hold the store's lock.
/// </summary>
internal sealed class TraceBuffer
{
    private readonly Dictionary<string, List<SpanEntry>> _spansByTrace = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Queue<string> Order, HashSet<string> Members)> _byResource = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<string> Resources => _byResource.Keys;

    public void Add(ExportTraceServiceRequest request, TelemetryLimits limits)
    {
        foreach (var resourceSpans in request.ResourceSpans)
        {
            var (name, instance) = OtlpConversions.Identify(resourceSpans.Resource);
            foreach (var scope in resourceSpans.ScopeSpans)
            {
                foreach (var span in scope.Spans)
                {
                    Add(ToEntry(span, name, instance, scope.Scope?.Name ?? "", limits), limits);
                }
            }
        }
    }

    public IReadOnlyList<TraceEntry> Query(string? resource, string? text, int take) =>
        [.. _spansByTrace
            .Select(pair => new TraceEntry(pair.Key, [.. pair.Value]))
            .Where(t => string.IsNullOrEmpty(resource) || t.Resources.Contains(resource, StringComparer.OrdinalIgnoreCase))
            .Where(t => string.IsNullOrEmpty(text) || t.Spans.Any(s => s.Name.Contains(text, StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(t => t.Start)
            .Take(take)];

    public TraceEntry? Get(string traceId) =>
        _spansByTrace.TryGetValue(traceId.ToLowerInvariant(), out var spans) ? new TraceEntry(traceId, [.. spans]) : null;

    public void Clear()
    {
        _spansByTrace.Clear();
        _byResource.Clear();
    }

    private void Add(SpanEntry span, TelemetryLimits limits)
    {
        if (!_spansByTrace.TryGetValue(span.TraceId, out var spans))
        {
            _spansByTrace[span.TraceId] = spans = [];
        }

        if (spans.Count >= limits.MaxSpansPerTrace)
        {
            return;
        }

        spans.Add(span);
        if (!_byResource.TryGetValue(span.Resource, out var resource))
        {
            _byResource[span.Resource] = resource = (new Queue<string>(), new HashSet<string>(StringComparer.Ordinal));
        }

        if (resource.Members.Add(span.TraceId))
        {
            resource.Order.Enqueue(span.TraceId);
        }

        while (resource.Order.Count > limits.MaxTracesPerResource)
        {
            var oldest = resource.Order.Dequeue();
            resource.Members.Remove(oldest);
            if (_spansByTrace.TryGetValue(oldest, out var oldSpans)
                && oldSpans.RemoveAll(s => string.Equals(s.Resource, span.Resource, StringComparison.OrdinalIgnoreCase)) > 0
                && oldSpans.Count == 0)
            {
                _spansByTrace.Remove(oldest);
            }
        }
    }

    private static SpanEntry ToEntry(Span span, string resource, string instance, string scope, TelemetryLimits limits) => new(
        OtlpConversions.ToHex(span.TraceId),
        OtlpConversions.ToHex(span.SpanId),
        OtlpConversions.ToHex(span.ParentSpanId),
        resource,
        instance,
        span.Name,
        span.Kind switch
        {
            Span.Types.SpanKind.Server => "Server",
            Span.Types.SpanKind.Client => "Client",
            Span.Types.SpanKind.Producer => "Producer",
            Span.Types.SpanKind.Consumer => "Consumer",
            _ => "Internal",
        },
        scope,
        OtlpConversions.FromUnixNanos(span.StartTimeUnixNano),
        OtlpConversions.FromUnixNanos(span.EndTimeUnixNano),
        span.Status?.Code == Status.Types.StatusCode.Error,
        span.Status?.Message ?? "",
        OtlpConversions.ToAttributes(span.Attributes, limits.MaxAttributesPerItem),
        [.. span.Events.Select(e => new SpanEvent(
            e.Name,
            OtlpConversions.FromUnixNanos(e.TimeUnixNano),
            OtlpConversions.ToAttributes(e.Attributes, limits.MaxAttributesPerItem)))]);
}
