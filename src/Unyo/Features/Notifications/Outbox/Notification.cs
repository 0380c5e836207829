using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Unyo.Features.Notifications.Outbox;

// One message to one channel, written in the same transaction as the alert change it tells of,
// before any attempt to send it: the outbox. Its Id is the delivery id receivers see.
public sealed class Notification
{
    public Guid Id { get; set; }
    public Guid ChannelId { get; set; }
    public NotificationChannel? Channel { get; set; }
    public long? AlertId { get; set; }
    public NotificationEvent Event { get; set; }
    // The NotificationMessage as JSON, fixed when written.
    public required string Message { get; set; }
    public NotificationStatus Status { get; set; }
    public int Attempts { get; set; }
    // Also the order an alert's notifications reach a channel in: AlertNotifier keeps it strictly
    // increasing per alert.
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    // Retries stop here and the notification goes to the dead-letter list.
    public DateTimeOffset GiveUpAt { get; set; }
    // A node sending it holds it until ClaimedUntil, so two nodes never send it at once; a node
    // that dies mid-send lets the claim run out and another node tries again.
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.Property(n => n.Event).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.Message).HasMaxLength(131072);
        builder.Property(n => n.ClaimedBy).HasMaxLength(200);
        builder.Property(n => n.LastError).HasMaxLength(1000);
        builder.HasIndex(n => new { n.Status, n.NextAttemptAt });
        // The dispatcher's look for an earlier pending notification of the same alert and channel.
        builder.HasIndex(n => new { n.AlertId, n.ChannelId, n.Status, n.CreatedAt });
        builder.HasIndex(n => n.ChannelId);
        builder.HasOne(n => n.Channel).WithMany().HasForeignKey(n => n.ChannelId).OnDelete(DeleteBehavior.Cascade);
    }
}
