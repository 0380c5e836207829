using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Accounts;

namespace Unyo.Features.Postmortems;

// That a person got the week's digest of their overdue action items: unique per person and week,
// written with the digest's outbox rows, so each owner gets one a week whatever the nodes do.
public sealed class ActionItemDigest
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset WeekStart { get; set; }
    public int Items { get; set; }
    public DateTimeOffset SentAt { get; set; }
}

internal sealed class ActionItemDigestConfiguration : IEntityTypeConfiguration<ActionItemDigest>
{
    public void Configure(EntityTypeBuilder<ActionItemDigest> builder)
    {
        builder.HasIndex(d => new { d.UserId, d.WeekStart }).IsUnique();
        builder.HasOne<User>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
