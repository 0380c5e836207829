using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Accounts;
using Unyo.Features.OnCall.Schedules;

namespace Unyo.Features.OnCall.Notices;

// That a person was told their shift on a schedule starts at ShiftStart: written in the same
// transaction as the outbox rows of the notice, and unique, so a restarted worker or a second
// node finds it and never tells them twice.
public sealed class ShiftNotice
{
    public Guid Id { get; set; }
    public Guid ScheduleId { get; set; }
    public Schedule? Schedule { get; set; }
    public Guid UserId { get; set; }
    public User? User { get; set; }
    public DateTimeOffset ShiftStart { get; set; }
    public DateTimeOffset SentAt { get; set; }
}

internal sealed class ShiftNoticeConfiguration : IEntityTypeConfiguration<ShiftNotice>
{
    public void Configure(EntityTypeBuilder<ShiftNotice> builder)
    {
        builder.HasIndex(n => new { n.ScheduleId, n.UserId, n.ShiftStart }).IsUnique();
        builder.HasIndex(n => n.UserId);
        builder.HasOne(n => n.Schedule).WithMany().HasForeignKey(n => n.ScheduleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(n => n.User).WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
