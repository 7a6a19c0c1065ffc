using AuthApp.Dashboard.Otlp.Proto.Collector.Trace;
using AuthApp.Dashboard.Otlp.Proto.Common;
using AuthApp.Dashboard.Otlp.Proto.Trace;
using Google.Protobuf;

namespace AuthApp.Tests.Dashboard;

/// <summary>Builds an OTLP trace export by hand, for spans of several services in one trace.</summary>
internal static class TraceBuilder
{
    private const ulong BaseNanos = 1_764_000_000_000_000_000;

    public static ExportTraceServiceRequest Request(
        string traceId,
        params (string Service, string SpanId, string ParentId, string Name, int StartMs, int EndMs, (string Key, string Value)[] Attributes)[] spans)
    {
        var request = new ExportTraceServiceRequest();
        foreach (var group in spans.GroupBy(s => s.Service))
        {
            var scope = new ScopeSpans();
            foreach (var span in group)
            {
                var otlpSpan = new Span
                {
                    TraceId = ByteString.CopyFrom(Convert.FromHexString(traceId)),
                    SpanId = ByteString.CopyFrom(Convert.FromHexString(span.SpanId)),
                    ParentSpanId = span.ParentId.Length == 0 ? ByteString.Empty : ByteString.CopyFrom(Convert.FromHexString(span.ParentId)),
                    Name = span.Name,
                    Kind = Span.Types.SpanKind.Server,
                    StartTimeUnixNano = BaseNanos + ((ulong)span.StartMs * 1_000_000),
                    EndTimeUnixNano = BaseNanos + ((ulong)span.EndMs * 1_000_000),
                };
                otlpSpan.Attributes.AddRange(span.Attributes.Select(a => new KeyValue { Key = a.Key, Value = new AnyValue { StringValue = a.Value } }));
                scope.Spans.Add(otlpSpan);
            }

            request.ResourceSpans.Add(new ResourceSpans
            {
                Resource = new() { Attributes = { new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = group.Key } } } },
                ScopeSpans = { scope },
            });
        }

        return request;
    }
}
