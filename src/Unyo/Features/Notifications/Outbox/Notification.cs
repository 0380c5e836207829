using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Accounts;
using Unyo.Features.OnCall.Personal;

namespace Unyo.Features.Notifications.Outbox;

// One message to one channel, or to one person, written in the same transaction as the alert
// change (or escalation step) it tells of, before any attempt to send it: the outbox. Its Id is
// the delivery id receivers see. A personal page has UserId and, unless it goes to the person's
// account email, ContactMethodId; a channel message has ChannelId.
public sealed class Notification
{
    public Guid Id { get; set; }
    public Guid? ChannelId { get; set; }
    public NotificationChannel? Channel { get; set; }
    public Guid? UserId { get; set; }
    public User? User { get; set; }
    public Guid? ContactMethodId { get; set; }
    public ContactMethod? ContactMethod { get; set; }
    public long? AlertId { get; set; }
    // A status page's subscriber (ISubscriberTargets says where it goes): neither channel nor person.
    public Guid? SubscriberId { get; set; }
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
        builder.HasIndex(n => n.UserId);
        builder.HasIndex(n => n.ContactMethodId);
        builder.HasIndex(n => n.SubscriberId);
        builder.HasOne(n => n.Channel).WithMany().HasForeignKey(n => n.ChannelId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(n => n.User).WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        // A contact method removed while a page to it waits: the page goes to the account email.
        builder.HasOne(n => n.ContactMethod).WithMany().HasForeignKey(n => n.ContactMethodId).OnDelete(DeleteBehavior.SetNull);
    }
}
