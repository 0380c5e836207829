using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Unyo.Features.Alerts;

// One change to an alert, in order: who did what and when. Deliveries are kept by the
// notification outbox and shown beside these.
public sealed class AlertTimelineEntry
{
    public long Id { get; set; }
    public long AlertId { get; set; }
    public DateTimeOffset At { get; set; }
    public AlertTimelineKind Kind { get; set; }
    // A person's email, a token's name, an integration or "unyo" for the pipeline itself.
    public required string Actor { get; set; }
    public string? Text { get; set; }
}

internal sealed class AlertTimelineEntryConfiguration : IEntityTypeConfiguration<AlertTimelineEntry>
{
    public void Configure(EntityTypeBuilder<AlertTimelineEntry> builder)
    {
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(e => e.Actor).HasMaxLength(200);
        builder.Property(e => e.Text).HasMaxLength(8000);
        builder.HasIndex(e => new { e.AlertId, e.Id });
        builder.HasOne<Alert>().WithMany().HasForeignKey(e => e.AlertId).OnDelete(DeleteBehavior.Cascade);
    }
}
