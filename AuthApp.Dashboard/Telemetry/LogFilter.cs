namespace AuthApp.Dashboard.Telemetry;

/// <summary>What the structured-logs page asks for; empty fields match everything.</summary>
internal sealed record LogFilter
{
    public string? Resource { get; init; }

    /// <summary>Minimum level name (<c>Warning</c> shows warnings, errors and critical records).</summary>
    public string? MinimumLevel { get; init; }

    /// <summary>Case-insensitive text searched in the message, category and attribute values.</summary>
    public string? Text { get; init; }

    public string? TraceId { get; init; }

    public int Take { get; init; } = 500;

    public static readonly IReadOnlyList<string> Levels = ["Trace", "Debug", "Information", "Warning", "Error", "Critical"];

    public bool Matches(LogEntry entry) =>
        (string.IsNullOrEmpty(Resource) || string.Equals(entry.Resource, Resource, StringComparison.OrdinalIgnoreCase))
        && (string.IsNullOrEmpty(MinimumLevel) || Rank(entry.Level) >= Rank(MinimumLevel))
        && (string.IsNullOrEmpty(TraceId) || string.Equals(entry.TraceId, TraceId, StringComparison.OrdinalIgnoreCase))
        && (string.IsNullOrEmpty(Text) || ContainsText(entry, Text));

    private static int Rank(string level) => Levels.ToList().FindIndex(l => string.Equals(l, level, StringComparison.OrdinalIgnoreCase));

    private static bool ContainsText(LogEntry entry, string text) =>
        entry.Message.Contains(text, StringComparison.OrdinalIgnoreCase)
        || entry.Category.Contains(text, StringComparison.OrdinalIgnoreCase)
        || entry.Attributes.Any(a => a.Value.Contains(text, StringComparison.OrdinalIgnoreCase));
}
