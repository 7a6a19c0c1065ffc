namespace AuthApp.Api.Features.Audit;

/// <summary>Filters of <c>GET /admin/audit</c>; every filter is optional, <see cref="To"/> is exclusive.</summary>
public sealed record AuditQuery(
    string? Subject = null,
    string? Actor = null,
    string? Type = null,
    string? Outcome = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Page = 1,
    int PageSize = AuditQuery.DefaultPageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>Why the query is invalid (by parameter), or null.</summary>
    public Dictionary<string, string[]>? Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Page < 1) errors["page"] = ["page starts at 1."];
        // The row offset is an int: a page past it would overflow into a negative OFFSET the database refuses.
        else if ((long)(Page - 1) * PageSize > int.MaxValue) errors["page"] = ["page is too large."];
        if (PageSize is < 1 or > MaxPageSize) errors["pageSize"] = [$"pageSize must be between 1 and {MaxPageSize}."];
        if (Outcome is not null && !AuditOutcomes.IsKnown(Outcome)) errors["outcome"] = ["outcome must be 'success' or 'failure'."];
        if (From is not null && To is not null && From > To) errors["from"] = ["from must not be later than to."];
        foreach (var (name, value) in new[] { ("subject", Subject), ("actor", Actor), ("type", Type) })
        {
            if (value is { Length: > AuditEntry.TextMaxLength }) errors[name] = [$"{name} is at most {AuditEntry.TextMaxLength} characters."];
        }

        return errors.Count == 0 ? null : errors;
    }
}

/// <summary>An audit event as the admin API shows it.</summary>
public sealed record AuditEventResponse(
    long Id, DateTimeOffset OccurredAt, string Type, string Outcome, string? Actor, string? Subject, string? ClientAddress, string? Detail)
{
    public static AuditEventResponse From(AuditEntry entry) =>
        new(entry.Id, entry.OccurredAt, entry.Type, entry.Outcome, entry.Actor, entry.Subject, entry.ClientAddress, entry.Detail);
}

/// <summary>One page of the audit log; <see cref="Total"/> counts every match.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEventResponse> Items, int Page, int PageSize, long Total);
