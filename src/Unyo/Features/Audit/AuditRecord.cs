using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Unyo.Features.Audit;

// One thing that happened: who (user and credential, from where), what (action on an object),
// and the object before and after as JSON. Written in the same transaction as the change it
// describes; never updated; deleted only by the retention worker.
public sealed class AuditRecord
{
    // A database sequence: newest first is "highest id first", and it makes a stable cursor.
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? ActorId { get; set; }
    // The person's email, or "team:<name>" for a team's token (a service account has no email).
    public string? ActorEmail { get; set; }
    // "session", "token:<id>", "system" or "anonymous".
    public required string Credential { get; set; }
    public string? Ip { get; set; }
    public required string Action { get; set; }
    public required string ObjectKind { get; set; }
    public required string ObjectName { get; set; }
    // api, ui, apply, cli or system.
    public required string Source { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> builder)
    {
        builder.Property(r => r.ActorEmail).HasMaxLength(254);
        builder.Property(r => r.Credential).HasMaxLength(64);
        builder.Property(r => r.Ip).HasMaxLength(64);
        builder.Property(r => r.Action).HasMaxLength(64);
        builder.Property(r => r.ObjectKind).HasMaxLength(64);
        builder.Property(r => r.ObjectName).HasMaxLength(254);
        builder.Property(r => r.Source).HasMaxLength(16);
        // Queries filter by time, by actor and by object, newest first.
        builder.HasIndex(r => r.At);
        builder.HasIndex(r => new { r.ActorId, r.Id });
        builder.HasIndex(r => new { r.ObjectKind, r.ObjectName, r.Id });
    }
}
