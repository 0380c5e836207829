using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Catalog;
using Unyo.Hosting;

namespace Unyo.Features.Checks;

// A synthetic check: a probe of what the users of a service see, run every Interval from each of
// its locations (or, for heartbeats, pings that jobs send). Its state lives in CheckState.
public sealed class Check
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public Guid ServiceId { get; set; }
    public Service? Service { get; set; }
    public string? Description { get; set; }
    public CheckType Type { get; set; }
    // For heartbeats, the period.
    public int IntervalSeconds { get; set; }
    public int TimeoutSeconds { get; set; }
    public int Retries { get; set; }
    public int DownAfter { get; set; }
    public int UpAfter { get; set; }
    public List<string> Locations { get; set; } = [];
    public int DownLocations { get; set; }
    public bool Enabled { get; set; }
    // JSON of the probe's settings (ProbeSettings.ToStored) or the heartbeat's.
    public required string Settings { get; set; }
    // Heartbeats: SHA-256 of the ping token, for lookup; the token itself sealed, to show it again.
    public string? PingTokenHash { get; set; }
    public string? PingTokenSealed { get; set; }
    public ManagedBy ManagedBy { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class CheckConfiguration : IEntityTypeConfiguration<Check>
{
    public void Configure(EntityTypeBuilder<Check> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(63);
        builder.HasIndex(c => c.Name).IsUnique();
        builder.HasIndex(c => c.ServiceId);
        builder.Property(c => c.Description).HasMaxLength(2000);
        builder.Property(c => c.Type).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Settings).HasMaxLength(80_000);
        builder.Property(c => c.PingTokenHash).HasMaxLength(64);
        builder.HasIndex(c => c.PingTokenHash).IsUnique();
        builder.Property(c => c.PingTokenSealed).HasMaxLength(1000);
        builder.Property(c => c.ManagedBy).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Revision).IsConcurrencyToken();
        // A service with checks cannot be deleted until they are: their history would go with it.
        builder.HasOne(c => c.Service).WithMany().HasForeignKey(c => c.ServiceId).OnDelete(DeleteBehavior.Restrict);
    }
}
