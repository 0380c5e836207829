using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Checks.Probes;

namespace Unyo.Features.Checks;

// One probe's raw result. Only the last few per check are kept (CheckOptions.RawResults); the
// minutes (CheckMinute) keep the long history.
public sealed class CheckResult
{
    public long Id { get; set; }
    public Guid CheckId { get; set; }
    public required string Location { get; set; }
    public DateTimeOffset At { get; set; }
    public ProbeOutcome Outcome { get; set; }
    public int LatencyMs { get; set; }
    public string? Reason { get; set; }
    public int Attempts { get; set; }
    // JSON object of string details (status code, address, body snippet...).
    public string? Details { get; set; }
}

internal sealed class CheckResultConfiguration : IEntityTypeConfiguration<CheckResult>
{
    public void Configure(EntityTypeBuilder<CheckResult> builder)
    {
        builder.HasIndex(r => new { r.CheckId, r.Id });
        builder.Property(r => r.Location).HasMaxLength(63);
        builder.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Reason).HasMaxLength(1000);
        builder.Property(r => r.Details).HasMaxLength(8000);
        builder.HasOne<Check>().WithMany().HasForeignKey(r => r.CheckId).OnDelete(DeleteBehavior.Cascade);
    }
}
