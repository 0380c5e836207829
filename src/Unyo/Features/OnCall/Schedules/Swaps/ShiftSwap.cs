using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Accounts;

namespace Unyo.Features.OnCall.Schedules.Swaps;

// A request from one person on call to another: take my stretch (Start to End), and in a trade,
// I take yours (ReturnStart to ReturnEnd). Accepting turns it into overrides. Expiry is not
// written: a pending request whose ExpiresAt has passed reads as expired.
public sealed class ShiftSwap
{
    public Guid Id { get; set; }
    public Guid ScheduleId { get; set; }
    public Schedule? Schedule { get; set; }
    public Guid RequesterId { get; set; }
    public User? Requester { get; set; }
    public Guid AskedId { get; set; }
    public User? Asked { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public DateTimeOffset? ReturnStartsAt { get; set; }
    public DateTimeOffset? ReturnEndsAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public string? Note { get; set; }
    public ShiftSwapStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    public Guid? OverrideId { get; set; }
    public Guid? ReturnOverrideId { get; set; }
    // Two answers at once: the second one's save finds the row changed and is refused.
    public int Revision { get; set; }
}

internal sealed class ShiftSwapConfiguration : IEntityTypeConfiguration<ShiftSwap>
{
    public void Configure(EntityTypeBuilder<ShiftSwap> builder)
    {
        builder.HasIndex(s => new { s.ScheduleId, s.Status });
        builder.HasIndex(s => s.RequesterId);
        builder.HasIndex(s => s.AskedId);
        builder.Property(s => s.Note).HasMaxLength(500);
        builder.Property(s => s.ClosedBy).HasMaxLength(254);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Revision).IsConcurrencyToken();
        builder.HasOne(s => s.Schedule).WithMany().HasForeignKey(s => s.ScheduleId).OnDelete(DeleteBehavior.Cascade);
        // A removed user's requests go with them, as their overrides do.
        builder.HasOne(s => s.Requester).WithMany().HasForeignKey(s => s.RequesterId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(s => s.Asked).WithMany().HasForeignKey(s => s.AskedId).OnDelete(DeleteBehavior.Cascade);
    }
}
