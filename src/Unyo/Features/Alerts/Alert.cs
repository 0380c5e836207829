using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Catalog;

namespace Unyo.Features.Alerts;

// Something wrong with a service that a person may need to act on. Events with the same dedup
// key update the open alert of that key (one per service at a time) instead of opening another.
public sealed class Alert
{
    public long Id { get; set; }
    public Guid ServiceId { get; set; }
    public Service? Service { get; set; }
    // Null for Unyo's own sources (SLO burn rates, checks).
    public Guid? IntegrationId { get; set; }
    public required string Source { get; set; }
    public required string DedupKey { get; set; }
    public required string Summary { get; set; }
    // A JSON object as text (custom details, annotations).
    public string? Details { get; set; }
    public AlertSeverity Severity { get; set; }
    public AlertUrgency Urgency { get; set; }
    public Dictionary<string, string> Labels { get; set; } = [];
    public List<AlertLink> Links { get; set; } = [];
    // The event's runbook, else the service's; RunbookMissing flags an alert that had neither.
    public string? RunbookUrl { get; set; }
    public bool RunbookMissing { get; set; }
    public string? GroupKey { get; set; }
    // The alert of the same service and group key whose notification stands for this one too.
    public long? GroupedUnderId { get; set; }
    public Alert? GroupedUnder { get; set; }
    public AlertStatus Status { get; set; }
    // Why no one was told: the silence or maintenance window that covered it when it triggered.
    public string? SuppressedBy { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public int OccurrenceCount { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public DateTimeOffset? SnoozedUntil { get; set; }
    public Guid? AssigneeId { get; set; }
    public int Revision { get; set; }

    // Whether people hear of this alert through its own notifications: not when a silence, a
    // maintenance window or flapping held it back, nor while it is grouped under another.
    public bool IsToldOfAlone() => SuppressedBy is null && GroupedUnderId is null && GroupedUnder is null;
}

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> builder)
    {
        builder.Property(a => a.Source).HasMaxLength(255);
        builder.Property(a => a.DedupKey).HasMaxLength(AlertEvent.MaxDedupKeyLength);
        builder.Property(a => a.Summary).HasMaxLength(AlertEvent.MaxSummaryLength);
        builder.Property(a => a.Details).HasMaxLength(65536);
        builder.Property(a => a.Severity).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Urgency).HasConversion<string>().HasMaxLength(8);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Labels).HasConversion(AlertJson.LabelsConverter, AlertJson.LabelsComparer).HasMaxLength(16384);
        builder.Property(a => a.Links).HasConversion(AlertJson.LinksConverter, AlertJson.LinksComparer).HasMaxLength(16384);
        builder.Property(a => a.RunbookUrl).HasMaxLength(2048);
        builder.Property(a => a.GroupKey).HasMaxLength(255);
        builder.Property(a => a.SuppressedBy).HasMaxLength(200);
        builder.Property(a => a.AcknowledgedBy).HasMaxLength(200);
        builder.Property(a => a.ResolvedBy).HasMaxLength(200);
        builder.Property(a => a.Revision).IsConcurrencyToken();
        // One open alert per key and service, whatever two nodes might attempt at once.
        builder.HasIndex(a => new { a.ServiceId, a.DedupKey }).IsUnique().HasFilter("\"ResolvedAt\" IS NULL");
        builder.HasIndex(a => new { a.Status, a.LastSeenAt });
        builder.HasIndex(a => new { a.ServiceId, a.FirstSeenAt });
        builder.HasIndex(a => new { a.ServiceId, a.GroupKey, a.FirstSeenAt });
        builder.HasOne(a => a.GroupedUnder).WithMany().HasForeignKey(a => a.GroupedUnderId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(a => a.Service).WithMany().HasForeignKey(a => a.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}
