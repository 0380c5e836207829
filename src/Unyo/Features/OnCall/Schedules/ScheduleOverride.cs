using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Accounts;

namespace Unyo.Features.OnCall.Schedules;

// Someone takes over a schedule from StartsAt to EndsAt. Operational, not configuration: an
// apply of the schedule's file keeps them. Overrides of one schedule never overlap.
public sealed class ScheduleOverride
{
    public Guid Id { get; set; }
    public Guid ScheduleId { get; set; }
    public Schedule? Schedule { get; set; }
    public Guid UserId { get; set; }
    public User? User { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public string? Reason { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class ScheduleOverrideConfiguration : IEntityTypeConfiguration<ScheduleOverride>
{
    public void Configure(EntityTypeBuilder<ScheduleOverride> builder)
    {
        builder.HasIndex(o => new { o.ScheduleId, o.StartsAt });
        builder.HasIndex(o => o.UserId);
        builder.Property(o => o.Reason).HasMaxLength(500);
        builder.Property(o => o.CreatedBy).HasMaxLength(254);
        builder.HasOne(o => o.Schedule).WithMany(s => s.Overrides).HasForeignKey(o => o.ScheduleId).OnDelete(DeleteBehavior.Cascade);
        // A removed user's overrides go with them: nobody can be paged through them any more.
        builder.HasOne(o => o.User).WithMany().HasForeignKey(o => o.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
