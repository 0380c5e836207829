using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Unyo.Features.Checks;

// A check's history of states: every change, why, and whether planned work covered it.
public sealed class CheckStateChange
{
    public long Id { get; set; }
    public Guid CheckId { get; set; }
    public DateTimeOffset At { get; set; }
    public CheckStatus From { get; set; }
    public CheckStatus To { get; set; }
    public string? Reason { get; set; }
    public bool InMaintenance { get; set; }
}

internal sealed class CheckStateChangeConfiguration : IEntityTypeConfiguration<CheckStateChange>
{
    public void Configure(EntityTypeBuilder<CheckStateChange> builder)
    {
        builder.HasIndex(c => new { c.CheckId, c.At });
        builder.Property(c => c.From).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.To).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Reason).HasMaxLength(1000);
        builder.HasOne<Check>().WithMany().HasForeignKey(c => c.CheckId).OnDelete(DeleteBehavior.Cascade);
    }
}
