using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Unyo.Features.Incidents;

// Something is broken for users and people are working on it. The id is the number people say
// aloud ("incident 42"), so it is a plain counter. Milestones are kept on the incident itself
// (not derived from the timeline each time) so that MTTA/MTTR over months is one cheap query.
public sealed class Incident
{
    public long Id { get; set; }
    public required string Title { get; set; }
    // 1 (SEV1, the worst) to 4; what each level means is written in the incident policy.
    public int Severity { get; set; }
    public IncidentStatus Status { get; set; }
    // Seen only by the teams in IncidentViewers (and admins): security incidents, for example.
    public bool Private { get; set; }
    // What is known so far, in Markdown; internal, never on a status page.
    public string? Summary { get; set; }
    // "ui", "api", "cli", or "rule:NAME" when an incident policy rule declared it from an alert.
    public required string Source { get; set; }
    public required string DeclaredBy { get; set; }
    public Guid? DeclaredById { get; set; }
    public DateTimeOffset DeclaredAt { get; set; }
    // When users were first hurt: the earliest linked alert's first sighting, or the declaration.
    public DateTimeOffset DetectedAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public DateTimeOffset? MitigatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    // Set when this incident was found to be a duplicate; the other one carries on.
    public long? MergedIntoId { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public enum IncidentStatus
{
    Investigating,
    Identified,
    Monitoring,
    Resolved,
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.Property(i => i.Title).HasMaxLength(200);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Summary).HasMaxLength(20000);
        builder.Property(i => i.Source).HasMaxLength(80);
        builder.Property(i => i.DeclaredBy).HasMaxLength(200);
        builder.Property(i => i.Revision).IsConcurrencyToken();
        builder.HasIndex(i => new { i.Status, i.DeclaredAt });
        builder.HasIndex(i => i.DeclaredAt);
        builder.HasOne<Incident>().WithMany().HasForeignKey(i => i.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
    }
}
