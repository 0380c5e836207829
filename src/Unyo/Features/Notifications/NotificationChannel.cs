using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Accounts;
using Unyo.Hosting;

namespace Unyo.Features.Notifications;

// A place a team's notifications go: an address list, a chat webhook, a paging service.
public sealed class NotificationChannel
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public Guid TeamId { get; set; }
    public Team? Team { get; set; }
    public ChannelKind Kind { get; set; }
    public ChannelUse Use { get; set; }
    public bool Enabled { get; set; } = true;
    // The kind's settings that may be shown (addresses, a username), a JSON object.
    public required string Settings { get; set; }
    // The kind's write-only settings (webhook URLs, tokens, signing secrets), a JSON object
    // sealed with SecretBox; never returned by the API.
    public string? SealedSecrets { get; set; }
    // Per-channel template overrides, a JSON object; null for the defaults.
    public string? Templates { get; set; }
    public ManagedBy ManagedBy { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class NotificationChannelConfiguration : IEntityTypeConfiguration<NotificationChannel>
{
    public void Configure(EntityTypeBuilder<NotificationChannel> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(63);
        builder.HasIndex(c => c.Name).IsUnique();
        builder.HasIndex(c => c.TeamId);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Use).HasConversion<string>().HasMaxLength(8);
        builder.Property(c => c.Settings).HasMaxLength(8000);
        builder.Property(c => c.SealedSecrets).HasMaxLength(8000);
        builder.Property(c => c.Templates).HasMaxLength(16000);
        builder.Property(c => c.ManagedBy).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Revision).IsConcurrencyToken();
        builder.HasOne(c => c.Team).WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.Restrict);
    }
}
