namespace AuthApp.Api.Features.Audit;

/// <summary>
/// The append-only security audit log (S18). Anyone may record; only the admin API reads.
/// Register-and-call: <c>await audit.RecordAsync(new AuditEvent("admin.user_disabled", AuditOutcomes.Success) { Actor = …, Subject = … })</c>.
/// </summary>
public interface IAuditLog
{
    /// <summary>
    /// Appends one event, stamped with the current time, and returns once it is committed. Inside the
    /// caller's open transaction it is written on the caller's connection (never through SaveChanges,
    /// so it cannot flush the caller's pending entity changes); otherwise it joins a group commit with
    /// the events recorded at the same moment (<see cref="AuditBatchWriter"/>).
    /// </summary>
    Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);

    /// <summary>One page of events matching the filter, newest first.</summary>
    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);
}
