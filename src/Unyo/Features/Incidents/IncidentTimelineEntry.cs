using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Unyo.Features.Incidents;

// One step in an incident, in order: everything that happened lands here, written by people
// (notes, in Markdown) or by Unyo (status, severity, roles, alerts, status-page updates, deploys).
// Internal: the public status page shows only its own published updates, never these.
public sealed class IncidentTimelineEntry
{
    public long Id { get; set; }
    public long IncidentId { get; set; }
    public DateTimeOffset At { get; set; }
    public IncidentTimelineKind Kind { get; set; }
    // A person's email, a token's name, or "unyo" for automatic entries.
    public required string Actor { get; set; }
    // Markdown for notes; plain text for automatic entries. Always rendered inert.
    public string? Text { get; set; }
    // The alert an Alert* entry is about, to link to it.
    public long? AlertId { get; set; }
}

public enum IncidentTimelineKind
{
    Declared,
    Note,
    Status,
    Severity,
    Title,
    Role,
    Service,
    Visibility,
    Alert,
    AlertAcknowledged,
    AlertResolved,
    Milestone,
    StatusPage,
    Merged,
    Deploy,
    Flag,
    Postmortem,
}

internal sealed class IncidentTimelineEntryConfiguration : IEntityTypeConfiguration<IncidentTimelineEntry>
{
    public void Configure(EntityTypeBuilder<IncidentTimelineEntry> builder)
    {
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(e => e.Actor).HasMaxLength(200);
        builder.Property(e => e.Text).HasMaxLength(20000);
        builder.HasIndex(e => new { e.IncidentId, e.Id });
        builder.HasOne<Incident>().WithMany().HasForeignKey(e => e.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}
