using AuthApp.Dashboard.Telemetry;

namespace AuthApp.Dashboard.Components.Shared;

/// <summary>Orders a trace's spans depth-first (children by start time) for the waterfall.</summary>
internal static class SpanTree
{
    public static List<(SpanEntry Span, int Depth)> Flatten(TraceEntry trace)
    {
        var ids = trace.Spans.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        var children = trace.Spans
            .Where(s => ids.Contains(s.ParentSpanId))
            .ToLookup(s => s.ParentSpanId, StringComparer.Ordinal);
        var result = new List<(SpanEntry, int)>(trace.Spans.Count);

        // Spans whose parent has not arrived (or was dropped) are shown as roots rather than hidden.
        foreach (var root in trace.Spans.Where(s => !ids.Contains(s.ParentSpanId)).OrderBy(s => s.Start))
        {
            Visit(root, 0);
        }

        return result;

        void Visit(SpanEntry span, int depth)
        {
            result.Add((span, depth));
            foreach (var child in children[span.SpanId].OrderBy(s => s.Start))
            {
                Visit(child, depth + 1);
            }
        }
    }
}
