namespace AuthApp.Dashboard.Telemetry;

/// <summary>A name/value pair of telemetry, value rendered as text.</summary>
public sealed record TelemetryAttribute(string Key, string Value);

/// <summary>One structured log record.</summary>
public sealed record LogEntry(
    long Sequence,
    string Resource,
    string InstanceId,
    DateTimeOffset Timestamp,
    string Level,
    int SeverityNumber,
    string Message,
    string Category,
    string TraceId,
    string SpanId,
    IReadOnlyList<TelemetryAttribute> Attributes);

/// <summary>An event recorded on a span (an exception, a message).</summary>
public sealed record SpanEvent(string Name, DateTimeOffset Timestamp, IReadOnlyList<TelemetryAttribute> Attributes);

/// <summary>One span of a trace.</summary>
public sealed record SpanEntry(
    string TraceId,
    string SpanId,
    string ParentSpanId,
    string Resource,
    string InstanceId,
    string Name,
    string Kind,
    string Scope,
    DateTimeOffset Start,
    DateTimeOffset End,
    bool IsError,
    string StatusMessage,
    IReadOnlyList<TelemetryAttribute> Attributes,
    IReadOnlyList<SpanEvent> Events)
{
    public TimeSpan Duration => End - Start;
}

/// <summary>A trace: every span received so far with the same trace id.</summary>
public sealed record TraceEntry(string TraceId, IReadOnlyList<SpanEntry> Spans)
{
    public DateTimeOffset Start => Spans.Min(s => s.Start);

    public DateTimeOffset End => Spans.Max(s => s.End);

    public TimeSpan Duration => End - Start;

    public int ErrorCount => Spans.Count(s => s.IsError);

    /// <summary>The span without a parent in this trace (or the earliest when the root has not arrived).</summary>
    public SpanEntry Root => Spans.FirstOrDefault(s => s.ParentSpanId.Length == 0 || Spans.All(p => p.SpanId != s.ParentSpanId))
        ?? Spans.MinBy(s => s.Start)!;

    public IReadOnlyList<string> Resources => [.. Spans.Select(s => s.Resource).Distinct(StringComparer.Ordinal)];
}

/// <summary>One value of an instrument at one time, for one set of attributes.</summary>
public sealed record MetricPoint(DateTimeOffset Timestamp, double Value, string Dimensions);

/// <summary>What an instrument is: a meter's named counter, gauge or histogram.</summary>
public sealed record InstrumentKey(string Meter, string Name);

/// <summary>An instrument's description and its recent points.</summary>
public sealed record InstrumentSnapshot(InstrumentKey Key, string Description, string Unit, string Kind, IReadOnlyList<MetricPoint> Points);
