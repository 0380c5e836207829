using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Unyo.Features.Notifications.Outbox;

// One try at sending a notification: what the receiver answered, or what went wrong.
public sealed class NotificationAttempt
{
    public long Id { get; set; }
    public Guid NotificationId { get; set; }
    public DateTimeOffset At { get; set; }
    public DeliveryResult Result { get; set; }
    public int? StatusCode { get; set; }
    public string? Detail { get; set; }
    public int DurationMs { get; set; }
    public required string Node { get; set; }
}

internal sealed class NotificationAttemptConfiguration : IEntityTypeConfiguration<NotificationAttempt>
{
    public void Configure(EntityTypeBuilder<NotificationAttempt> builder)
    {
        builder.Property(a => a.Result).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Detail).HasMaxLength(1000);
        builder.Property(a => a.Node).HasMaxLength(200);
        builder.HasIndex(a => new { a.NotificationId, a.Id });
        builder.HasOne<Notification>().WithMany().HasForeignKey(a => a.NotificationId).OnDelete(DeleteBehavior.Cascade);
    }
}
