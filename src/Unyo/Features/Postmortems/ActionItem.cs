using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Accounts;

namespace Unyo.Features.Postmortems;

// Something the team agreed to do so the incident does not happen again (or hurts less). A
// postmortem is complete only when each of its items is done, or declined with a reason said.
public sealed class ActionItem
{
    public long Id { get; set; }
    public long PostmortemId { get; set; }
    public required string Title { get; set; }
    public Guid? OwnerId { get; set; }
    public User? Owner { get; set; }
    public DateOnly? DueOn { get; set; }
    public ActionItemPriority Priority { get; set; }
    public ActionItemStatus Status { get; set; }
    public string? DeclineReason { get; set; }
    public string? TicketUrl { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public bool Closed => Status == ActionItemStatus.Done || (Status == ActionItemStatus.Declined && !string.IsNullOrWhiteSpace(DeclineReason));

    // Overdue from the day after its due date (UTC): due today is not late yet.
    public bool OverdueOn(DateOnly today) => !Closed && DueOn is { } due && due < today;
}

public enum ActionItemPriority
{
    P1,
    P2,
    P3,
    P4,
}

public enum ActionItemStatus
{
    Open,
    InProgress,
    Done,
    Declined,
}

internal sealed class ActionItemConfiguration : IEntityTypeConfiguration<ActionItem>
{
    public void Configure(EntityTypeBuilder<ActionItem> builder)
    {
        builder.ToTable("PostmortemActionItems");
        builder.Property(a => a.Title).HasMaxLength(PostmortemLimits.Title);
        builder.Property(a => a.Priority).HasConversion<string>().HasMaxLength(4);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.DeclineReason).HasMaxLength(PostmortemLimits.Field);
        builder.Property(a => a.TicketUrl).HasMaxLength(PostmortemLimits.Url);
        builder.HasIndex(a => a.PostmortemId);
        builder.HasIndex(a => new { a.Status, a.DueOn });
        builder.HasIndex(a => a.OwnerId);
        builder.HasOne<Postmortem>().WithMany().HasForeignKey(a => a.PostmortemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.Owner).WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.SetNull);
    }
}
