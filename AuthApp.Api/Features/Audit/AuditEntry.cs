using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AuthApp.Api.Features.Audit;

/// <summary>A row of <c>audit_events</c>: append-only (a trigger refuses UPDATE, DELETE and TRUNCATE).</summary>
public sealed class AuditEntry
{
    public const int TextMaxLength = 256;

    public long Id { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public required string Type { get; set; }

    public required string Outcome { get; set; }

    public string? Actor { get; set; }

    public string? Subject { get; set; }

    public string? ClientAddress { get; set; }

    public string? Detail { get; set; }

    /// <summary>The event's id in the Redis outbox, for events written there first (refresh, revoke); null otherwise.</summary>
    public Guid? OutboxId { get; set; }
}

/// <summary>The table's shape, kept apart from the accounts model so both can change independently.</summary>
internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("audit_events");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        entry.Property(e => e.OccurredAt).HasColumnName("occurred_at");
        entry.Property(e => e.Type).HasColumnName("type").HasMaxLength(64);
        entry.Property(e => e.Outcome).HasColumnName("outcome").HasMaxLength(16);
        entry.Property(e => e.Actor).HasColumnName("actor").HasMaxLength(AuditEntry.TextMaxLength);
        entry.Property(e => e.Subject).HasColumnName("subject").HasMaxLength(AuditEntry.TextMaxLength);
        entry.Property(e => e.ClientAddress).HasColumnName("client_address").HasMaxLength(64);
        entry.Property(e => e.Detail).HasColumnName("detail").HasMaxLength(AuditEntry.TextMaxLength);
        entry.Property(e => e.OutboxId).HasColumnName("outbox_id");
        entry.HasIndex(e => e.OccurredAt);
        // Unique, so an event the outbox delivers twice is stored once (AuditBatchWriter); NULLs (direct writes) never conflict.
        entry.HasIndex(e => e.OutboxId).IsUnique();
        entry.HasIndex(e => new { e.Subject, e.OccurredAt });
        entry.HasIndex(e => new { e.Actor, e.OccurredAt });
    }
}
