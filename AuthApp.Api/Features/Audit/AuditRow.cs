namespace AuthApp.Api.Features.Audit;

/// <summary>
/// One cleaned audit row, ready to insert. <see cref="OutboxId"/> is set for rows that came through the Redis outbox:
/// a row delivered twice (a drain that stopped between its insert and its trim) is stored once.
/// </summary>
internal sealed record AuditRow(
    DateTimeOffset OccurredAt, string Type, string Outcome, string? Actor, string? Subject, string? ClientAddress, string? Detail)
{
    public Guid? OutboxId { get; init; }

    public static AuditRow From(AuditEvent auditEvent, DateTimeOffset occurredAt) => new(
        occurredAt,
        Clean(auditEvent.Type, 64) ?? "unknown",
        Clean(auditEvent.Outcome, 16) ?? AuditOutcomes.Failure,
        Clean(auditEvent.Actor, AuditEntry.TextMaxLength)?.ToLowerInvariant(),
        Clean(auditEvent.Subject, AuditEntry.TextMaxLength)?.ToLowerInvariant(),
        Clean(auditEvent.ClientAddress, 64),
        Clean(auditEvent.Detail, AuditEntry.TextMaxLength));

    /// <summary>
    /// Caps length, drops control characters and, as a last line of defence (S17), refuses any value
    /// that carries an AuthApp token: a caller passing one by mistake gets a marker instead.
    /// </summary>
    private static string? Clean(string? value, int maxLength)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (value.Contains("aat_", StringComparison.Ordinal) || value.Contains("art_", StringComparison.Ordinal)) return "[redacted]";
        var cleaned = value.AsSpan().ContainsAnyInRange('\0', '\u001f') || value.Contains('\u007f') || value.AsSpan().ContainsAnyInRange('\u0080', '\u009f')
            ? new string(value.Where(c => !char.IsControl(c)).ToArray())
            : value;
        return cleaned.Length > maxLength ? cleaned[..maxLength] : cleaned;
    }
}
