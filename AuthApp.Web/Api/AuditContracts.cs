namespace AuthApp.Web.Api;

/// <summary>One audit event as <c>GET /admin/audit</c> returns it.</summary>
public sealed record AuditEvent(
    long Id, DateTimeOffset OccurredAt, string Type, string Outcome, string? Actor, string? Subject, string? ClientAddress, string? Detail);

/// <summary>One page of audit events; <see cref="Total"/> counts every match.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEvent> Items, int Page, int PageSize, long Total);

/// <summary>The audit page's filters; empty ones are left out of the query. <see cref="To"/> is exclusive.</summary>
public sealed record AuditFilter(string? Type, string? Outcome, string? Subject, string? Actor, DateTimeOffset? From, DateTimeOffset? To)
{
    public string ToQuery()
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) parts.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
        }

        Add("type", Type);
        Add("outcome", Outcome);
        Add("subject", Subject);
        Add("actor", Actor);
        Add("from", From?.ToString("O"));
        Add("to", To?.ToString("O"));
        return string.Join("&", parts);
    }
}
