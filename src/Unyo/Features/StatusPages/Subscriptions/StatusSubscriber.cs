using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Notifications.Outbox;

namespace Unyo.Features.StatusPages.Subscriptions;

// Someone outside who wants the page's updates: an email address (confirmed through a link
// before anything else is sent to it) or a webhook a team member added (its URL sealed, since
// webhook URLs often carry their own secret).
public sealed class StatusSubscriber
{
    public Guid Id { get; set; }
    public Guid PageId { get; set; }
    public StatusSubscriberKind Kind { get; set; }
    // Lower-case email address; null for webhooks.
    public string? Email { get; set; }
    // Webhooks: {"url": ..., "signingSecret": ...} sealed by SecretBox.
    public string? SealedSecrets { get; set; }
    public bool Confirmed { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
}

public enum StatusSubscriberKind
{
    Email,
    Webhook,
}

internal sealed class StatusSubscriberConfiguration : IEntityTypeConfiguration<StatusSubscriber>
{
    public void Configure(EntityTypeBuilder<StatusSubscriber> builder)
    {
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Email).HasMaxLength(254);
        builder.Property(s => s.SealedSecrets).HasMaxLength(4000);
        builder.HasIndex(s => new { s.PageId, s.Email }).IsUnique();
        builder.HasOne<StatusPage>().WithMany().HasForeignKey(s => s.PageId).OnDelete(DeleteBehavior.Cascade);
        // Mail waiting for a subscriber who left is not sent.
        builder.HasMany<Notification>().WithOne().HasForeignKey(n => n.SubscriberId).OnDelete(DeleteBehavior.Cascade);
    }
}
