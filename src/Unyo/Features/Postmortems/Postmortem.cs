using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Incidents;

namespace Unyo.Features.Postmortems;

// What the team learnt from one incident, written in six steps (PostmortemTemplate). One per
// incident. The impact's figures (duration, services, alerts, budget spent) are not stored: they
// are computed from the incident and the SLI minutes whenever the postmortem is shown, so a late
// SLI bucket or a corrected resolve time still counts. What people write is stored here.
public sealed class Postmortem
{
    public long Id { get; set; }
    public long IncidentId { get; set; }
    public required string Title { get; set; }
    public PostmortemState State { get; set; }
    // (1) The record: what happened, and the incident's timeline as imported (Markdown, editable).
    public string Record { get; set; } = "";
    public string Timeline { get; set; } = "";
    public DateTimeOffset TimelineImportedAt { get; set; }
    // (2) Impact that Unyo cannot measure: users, revenue, reputation, and words on the rest.
    public string ImpactSummary { get; set; } = "";
    public string ImpactUsers { get; set; } = "";
    public string ImpactRevenue { get; set; } = "";
    public string ImpactReputation { get; set; } = "";
    // (3) Root-cause analysis and the contributing factors, one line each.
    public string RootCause { get; set; } = "";
    public List<string> ContributingFactors { get; set; } = [];
    // (4) Fixes discussed, short and long term.
    public string FixesShortTerm { get; set; } = "";
    public string FixesLongTerm { get; set; } = "";
    // (5) The report: the summary people outside the team read.
    public string Report { get; set; } = "";
    // (6) Follow-up: the action items (PostmortemActionItem) and words on them.
    public string FollowUp { get; set; } = "";
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public int Revision { get; set; }

    // Publishing needs someone to have said what the incident cost; the measured figures alone
    // (which Unyo fills in) are not an impact assessment.
    public bool ImpactIsEmpty =>
        PostmortemTemplate.IsGuidanceOnly(ImpactSummary) && string.IsNullOrWhiteSpace(ImpactUsers)
        && string.IsNullOrWhiteSpace(ImpactRevenue) && string.IsNullOrWhiteSpace(ImpactReputation);
}

internal sealed class PostmortemConfiguration : IEntityTypeConfiguration<Postmortem>
{
    public void Configure(EntityTypeBuilder<Postmortem> builder)
    {
        builder.Property(p => p.Title).HasMaxLength(PostmortemLimits.Title);
        builder.Property(p => p.State).HasConversion<string>().HasMaxLength(16);
        foreach (var text in new[] { nameof(Postmortem.Record), nameof(Postmortem.Timeline), nameof(Postmortem.ImpactSummary), nameof(Postmortem.RootCause),
            nameof(Postmortem.FixesShortTerm), nameof(Postmortem.FixesLongTerm), nameof(Postmortem.Report), nameof(Postmortem.FollowUp) })
        {
            builder.Property(text).HasMaxLength(PostmortemLimits.Section);
        }
        foreach (var field in new[] { nameof(Postmortem.ImpactUsers), nameof(Postmortem.ImpactRevenue), nameof(Postmortem.ImpactReputation) })
        {
            builder.Property(field).HasMaxLength(PostmortemLimits.Field);
        }
        builder.Property(p => p.CreatedBy).HasMaxLength(200);
        builder.Property(p => p.Revision).IsConcurrencyToken();
        builder.HasIndex(p => p.IncidentId).IsUnique();
        builder.HasIndex(p => p.State);
        builder.HasOne<Incident>().WithMany().HasForeignKey(p => p.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}
