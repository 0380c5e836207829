using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Catalog;

namespace Unyo.Features.Deploys;

// An admin's time-boxed "ship anyway" for one service, with the reason on record. It lapses by
// itself; ending it early keeps the row for history.
public sealed class ReleaseGateOverride
{
    public Guid Id { get; set; }
    public Guid ServiceId { get; set; }
    public Service? Service { get; set; }
    public required string Reason { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }

    public bool IsActiveAt(DateTimeOffset at) => EndedAt is null && ExpiresAt > at;
}

internal sealed class ReleaseGateOverrideConfiguration : IEntityTypeConfiguration<ReleaseGateOverride>
{
    public void Configure(EntityTypeBuilder<ReleaseGateOverride> builder)
    {
        builder.Property(o => o.Reason).HasMaxLength(500);
        builder.Property(o => o.CreatedBy).HasMaxLength(254);
        builder.HasIndex(o => new { o.ServiceId, o.ExpiresAt });
        builder.HasOne(o => o.Service).WithMany().HasForeignKey(o => o.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}
