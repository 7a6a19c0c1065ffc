using System.ComponentModel.DataAnnotations;

namespace AuthApp.Dashboard.Telemetry;

/// <summary>How much telemetry the dashboard keeps per resource (configuration section <c>Dashboard:Telemetry</c>).</summary>
public sealed class TelemetryLimits
{
    /// <summary>Log records kept per resource; the oldest are dropped first. Default 10,000.</summary>
    [Range(1, 10_000_000, ErrorMessage = "Dashboard:Telemetry:MaxLogsPerResource must be between {1} and {2}.")]
    public int MaxLogsPerResource { get; set; } = 10_000;

    /// <summary>Traces kept per resource; the oldest are dropped first. Default 10,000.</summary>
    [Range(1, 10_000_000, ErrorMessage = "Dashboard:Telemetry:MaxTracesPerResource must be between {1} and {2}.")]
    public int MaxTracesPerResource { get; set; } = 10_000;

    /// <summary>
    /// Spans kept per trace; later spans of a full trace are dropped, so one runaway trace cannot grow without bound
    /// while its root stays visible. Default 10,000.
    /// </summary>
    [Range(1, 10_000_000, ErrorMessage = "Dashboard:Telemetry:MaxSpansPerTrace must be between {1} and {2}.")]
    public int MaxSpansPerTrace { get; set; } = 10_000;

    /// <summary>Metric points kept per resource; the oldest are dropped first. Default 50,000.</summary>
    [Range(1, 10_000_000, ErrorMessage = "Dashboard:Telemetry:MaxMetricPointsPerResource must be between {1} and {2}.")]
    public int MaxMetricPointsPerResource { get; set; } = 50_000;

    /// <summary>Attributes kept per log record, span, event or point. Default 128.</summary>
    [Range(1, 10_000, ErrorMessage = "Dashboard:Telemetry:MaxAttributesPerItem must be between {1} and {2}.")]
    public int MaxAttributesPerItem { get; set; } = 128;
}
