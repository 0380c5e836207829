using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Unyo.Features.Checks;

// Where a check stands now: its status, why, since when, and each location's streak of results
// (the state machine's memory, so "down after N failures" survives restarts and node changes).
public sealed class CheckState
{
    public Guid CheckId { get; set; }
    public CheckStatus Status { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset Since { get; set; }
    public DateTimeOffset? LastResultAt { get; set; }
    public List<LocationStreak> Streaks { get; set; } = [];
    // Heartbeats: the last ping of each kind.
    public DateTimeOffset? LastPingAt { get; set; }
    public DateTimeOffset? LastStartAt { get; set; }
    public int Version { get; set; }
}

// One location's view of a check: its own up/degraded/down with hysteresis.
public sealed class LocationStreak
{
    public required string Location { get; set; }
    public CheckStatus Status { get; set; }
    public int Failures { get; set; }
    public int Successes { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset At { get; set; }
}

internal sealed class CheckStateConfiguration : IEntityTypeConfiguration<CheckState>
{
    public void Configure(EntityTypeBuilder<CheckState> builder)
    {
        builder.HasKey(s => s.CheckId);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Reason).HasMaxLength(1000);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.OwnsMany(s => s.Streaks, streaks =>
        {
            streaks.ToJson();
            streaks.Property(s => s.Status).HasConversion<string>();
        });
        builder.HasOne<Check>().WithOne().HasForeignKey<CheckState>(s => s.CheckId).OnDelete(DeleteBehavior.Cascade);
    }
}
