using AuthApp.Dashboard.Otlp.Proto.Metrics;

namespace AuthApp.Dashboard.Telemetry;

/// <summary>Reduces OTLP data points to chartable values.</summary>
internal static class MetricPoints
{
    /// <summary>
    /// Gauges and sums chart their value. Histograms chart the mean of the values recorded since the previous
    /// point (cumulative histograms are differenced per attribute set), which is what a person reads as "the
    /// request duration right now".
    /// </summary>
    public static IEnumerable<MetricPoint> From(Metric metric, Dictionary<string, (double Sum, ulong Count)> lastHistograms, int maxAttributes)
    {
        switch (metric.DataCase)
        {
            case Metric.DataOneofCase.Gauge:
                return metric.Gauge.DataPoints.Select(p => FromNumber(p, maxAttributes));
            case Metric.DataOneofCase.Sum:
                return metric.Sum.DataPoints.Select(p => FromNumber(p, maxAttributes));
            case Metric.DataOneofCase.Histogram:
                var cumulative = metric.Histogram.AggregationTemporality == AggregationTemporality.Cumulative;
                return [.. metric.Histogram.DataPoints.Select(p => FromHistogram(p, cumulative, lastHistograms, maxAttributes)).OfType<MetricPoint>()];
            default:
                return [];
        }
    }

    private static MetricPoint FromNumber(NumberDataPoint point, int maxAttributes) => new(
        OtlpConversions.FromUnixNanos(point.TimeUnixNano),
        point.ValueCase == NumberDataPoint.ValueOneofCase.AsInt ? point.AsInt : point.AsDouble,
        OtlpConversions.Dimensions(OtlpConversions.ToAttributes(point.Attributes, maxAttributes)));

    private static MetricPoint? FromHistogram(
        HistogramDataPoint point, bool cumulative, Dictionary<string, (double Sum, ulong Count)> last, int maxAttributes)
    {
        var dimensions = OtlpConversions.Dimensions(OtlpConversions.ToAttributes(point.Attributes, maxAttributes));
        var (sum, count) = (point.HasSum ? point.Sum : 0, point.Count);
        if (cumulative)
        {
            var previous = last.GetValueOrDefault(dimensions);
            last[dimensions] = (sum, count);
            if (count >= previous.Count)
            {
                (sum, count) = (sum - previous.Sum, count - previous.Count);
            }
        }

        return count == 0 ? null : new MetricPoint(OtlpConversions.FromUnixNanos(point.TimeUnixNano), sum / count, dimensions);
    }
}
