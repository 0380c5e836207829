using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Catalog;

namespace Unyo.Features.Alerts.Changes;

// A change on a service (a deploy, a configuration change) that a tool reported through
// PagerDuty's change events API: context for whoever answers the next alert, never an alert itself.
public sealed class ChangeEvent
{
    public long Id { get; set; }
    public Guid ServiceId { get; set; }
    public Service? Service { get; set; }
    // The integration may be deleted later; its name stays, so the history still says who sent it.
    public Guid? IntegrationId { get; set; }
    public required string Integration { get; set; }
    public required string Summary { get; set; }
    public string? Source { get; set; }
    public DateTimeOffset Timestamp { get; set; }
    // The sender's custom details: a JSON object as text.
    public string? Details { get; set; }
    public List<AlertLink> Links { get; set; } = [];
    public DateTimeOffset ReceivedAt { get; set; }
}

internal sealed class ChangeEventConfiguration : IEntityTypeConfiguration<ChangeEvent>
{
    public void Configure(EntityTypeBuilder<ChangeEvent> builder)
    {
        builder.Property(c => c.Integration).HasMaxLength(63);
        builder.Property(c => c.Summary).HasMaxLength(AlertEvent.MaxSummaryLength);
        builder.Property(c => c.Source).HasMaxLength(255);
        builder.Property(c => c.Details).HasMaxLength(65536);
        builder.Property(c => c.Links).HasConversion(AlertJson.LinksConverter, AlertJson.LinksComparer).HasMaxLength(16384);
        // A service's changes, newest first, page by id.
        builder.HasIndex(c => new { c.ServiceId, c.Id });
        builder.HasOne(c => c.Service).WithMany().HasForeignKey(c => c.ServiceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Integration>().WithMany().HasForeignKey(c => c.IntegrationId).OnDelete(DeleteBehavior.SetNull);
    }
}
