using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Accounts;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Schedules;

// An on-call schedule owned by a team. Its layers are one JSON document (StoredLayers): they are
// always read and written whole, in order, and name users by id so that an email change keeps
// the rotation.
public sealed class Schedule
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public Guid TeamId { get; set; }
    public Team? Team { get; set; }
    public required string TimeZone { get; set; }
    public string? Description { get; set; }
    public string Layers { get; set; } = "[]";
    public List<ScheduleOverride> Overrides { get; set; } = [];
    public ManagedBy ManagedBy { get; set; }
    public int Revision { get; set; }
    // Moves with every override made, so two made at once (by hand or by accepted swaps) cannot
    // both pass the overlap check: the second save finds it moved and is refused.
    public int OverrideStamp { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class ScheduleConfiguration : IEntityTypeConfiguration<Schedule>
{
    public void Configure(EntityTypeBuilder<Schedule> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(63);
        builder.HasIndex(s => s.Name).IsUnique();
        builder.HasIndex(s => s.TeamId);
        builder.Property(s => s.TimeZone).HasMaxLength(64);
        builder.Property(s => s.Description).HasMaxLength(2000);
        builder.Property(s => s.ManagedBy).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Revision).IsConcurrencyToken();
        builder.Property(s => s.OverrideStamp).IsConcurrencyToken();
        // A team with schedules cannot be deleted until they are (or move to another team).
        builder.HasOne(s => s.Team).WithMany().HasForeignKey(s => s.TeamId).OnDelete(DeleteBehavior.Restrict);
    }
}
