using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Catalog;
using Unyo.Hosting;

namespace Unyo.Features.Alerts;

// A source of alerts for one service: the key a monitoring tool sends with its events, and how
// its events are read (the webhook field mapping) and judged (the urgency rule).
public sealed class Integration
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public Guid ServiceId { get; set; }
    public Service? Service { get; set; }
    public IntegrationKind Kind { get; set; }
    // SHA-256 of the key, what intake looks keys up by; the key itself is sealed (SecretBox) so
    // that the service's owners can read it again, as they can in PagerDuty.
    public required string KeyHash { get; set; }
    public required string SealedKey { get; set; }
    // JSON: the webhook field mapping (Webhook only) and the urgency rule; null for the defaults.
    public string? Mapping { get; set; }
    public string? UrgencyRule { get; set; }
    // Resolve its open alerts after this long without an event, for tools that never send a
    // resolve (null: they stay open until someone or something resolves them).
    public int? AutoResolveAfterSeconds { get; set; }
    public ManagedBy ManagedBy { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class IntegrationConfiguration : IEntityTypeConfiguration<Integration>
{
    public void Configure(EntityTypeBuilder<Integration> builder)
    {
        builder.Property(i => i.Name).HasMaxLength(63);
        builder.HasIndex(i => i.Name).IsUnique();
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.KeyHash).HasMaxLength(64);
        builder.HasIndex(i => i.KeyHash).IsUnique();
        builder.Property(i => i.SealedKey).HasMaxLength(1000);
        builder.Property(i => i.Mapping).HasMaxLength(8000);
        builder.Property(i => i.UrgencyRule).HasMaxLength(4000);
        builder.Property(i => i.ManagedBy).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Revision).IsConcurrencyToken();
        builder.HasIndex(i => i.ServiceId);
        builder.HasOne(i => i.Service).WithMany().HasForeignKey(i => i.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}
