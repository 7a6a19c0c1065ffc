using AuthApp.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace AuthApp.Api.Features.Audit;

/// <summary>
/// <see cref="IAuditLog"/> on the <c>audit_events</c> table of the account database. Inside a caller's transaction
/// the row is written on its connection (it commits or rolls back with the change); otherwise it joins the next
/// group commit of <see cref="AuditBatchWriter"/>. Either way the call returns only once the row is stored.
/// </summary>
internal sealed class AuditLog(AuthDbContext db, AuditBatchWriter batches, TimeProvider time) : IAuditLog
{
    public async Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        var row = AuditRow.From(auditEvent, time.GetUtcNow());
        if (db.Database.CurrentTransaction is null)
        {
            // Not cancelled with the request: a security event that happened is recorded even if the client left.
            await batches.WriteAsync(row);
            return;
        }

        // Raw SQL on the caller's connection: SaveChanges here would also flush the caller's pending changes.
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO audit_events (occurred_at, type, outcome, actor, subject, client_address, detail)
            VALUES ({row.OccurredAt}, {row.Type}, {row.Outcome}, {row.Actor}, {row.Subject}, {row.ClientAddress}, {row.Detail})
            """,
            cancellationToken);
    }

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        var events = db.Set<AuditEntry>().AsNoTracking();
        // Actors and subjects are stored lower-cased, so filters match without regard to case.
        var subject = query.Subject?.ToLowerInvariant();
        var actor = query.Actor?.ToLowerInvariant();
        if (!string.IsNullOrEmpty(subject)) events = events.Where(e => e.Subject == subject);
        if (!string.IsNullOrEmpty(actor)) events = events.Where(e => e.Actor == actor);
        if (query.Type is { Length: > 0 } type) events = events.Where(e => e.Type == type);
        if (query.Outcome is { Length: > 0 } outcome) events = events.Where(e => e.Outcome == outcome);
        if (query.From is { } from) events = events.Where(e => e.OccurredAt >= from.ToUniversalTime());
        if (query.To is { } to) events = events.Where(e => e.OccurredAt < to.ToUniversalTime());

        var total = await events.LongCountAsync(cancellationToken);
        var items = await events
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .ToListAsync(cancellationToken);
        return new AuditPage(items.Select(AuditEventResponse.From).ToList(), query.Page, query.PageSize, total);
    }
}
