using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Accounts;

namespace Unyo.Features.OnCall.Notices;

// That a person got the digest of the week starting at WeekStart (a Monday 09:00 UTC): unique,
// written with the digest's outbox rows, so each person gets one per week whatever the nodes do.
public sealed class ShiftDigest
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public User? User { get; set; }
    public DateTimeOffset WeekStart { get; set; }
    public int Shifts { get; set; }
    public DateTimeOffset SentAt { get; set; }
}

internal sealed class ShiftDigestConfiguration : IEntityTypeConfiguration<ShiftDigest>
{
    public void Configure(EntityTypeBuilder<ShiftDigest> builder)
    {
        builder.HasIndex(d => new { d.UserId, d.WeekStart }).IsUnique();
        builder.HasOne(d => d.User).WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
