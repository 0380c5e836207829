using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Catalog;

namespace Unyo.Features.StatusPages;

// A service as a status page shows it: under a public name, in a group, judged by all its checks
// or by one (by name, like maintenance windows keep checks: checks stand beside this feature).
public sealed class StatusPageComponent
{
    public Guid Id { get; set; }
    public Guid PageId { get; set; }
    public int Position { get; set; }
    public Guid ServiceId { get; set; }
    public Service? Service { get; set; }
    // Null: the service's name.
    public string? DisplayName { get; set; }
    public string? Group { get; set; }
    public string? Check { get; set; }
}

internal sealed class StatusPageComponentConfiguration : IEntityTypeConfiguration<StatusPageComponent>
{
    public void Configure(EntityTypeBuilder<StatusPageComponent> builder)
    {
        builder.HasIndex(c => new { c.PageId, c.Position });
        builder.HasIndex(c => c.ServiceId);
        builder.Property(c => c.DisplayName).HasMaxLength(100);
        builder.Property(c => c.Group).HasMaxLength(100);
        builder.Property(c => c.Check).HasMaxLength(63);
        builder.HasOne<StatusPage>().WithMany(p => p.Components).HasForeignKey(c => c.PageId).OnDelete(DeleteBehavior.Cascade);
        // A service shown on a page cannot go until the page stops showing it.
        builder.HasOne(c => c.Service).WithMany().HasForeignKey(c => c.ServiceId).OnDelete(DeleteBehavior.Restrict);
    }
}
