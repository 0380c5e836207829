using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Catalog;
using Unyo.Hosting;

namespace Unyo.Features.Telemetry;

public enum SliKind
{
    // good / total events as they arrive.
    Ratio,
    // An event is good when it was answered within LatencyThresholdMs.
    Latency,
}

public enum SliSource
{
    // POST /api/v1/sli-events.
    Native,
    // OpenTelemetry metrics sent to POST /v1/metrics, selected by SliSourceSettings.Otlp.
    Otlp,
    // PromQL read once a minute from a Prometheus-compatible engine (SliSourceSettings.Prometheus).
    Prometheus,
    // The results of a synthetic check (SliSourceSettings.Check), fed by the check's results.
    Check,
}

// A service level indicator: the stream of good and total events an SLO judges. Its data lives
// in per-minute buckets (SliMinute), never as raw events.
public sealed class Sli
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public Guid ServiceId { get; set; }
    public Service? Service { get; set; }
    public string? Description { get; set; }
    public SliKind Kind { get; set; }
    public int? LatencyThresholdMs { get; set; }
    public SliSource Source { get; set; }
    // JSON of the source's settings (SliSourceSettings); null for native SLIs.
    public string? SourceSettings { get; set; }
    public ManagedBy ManagedBy { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class SliConfiguration : IEntityTypeConfiguration<Sli>
{
    public void Configure(EntityTypeBuilder<Sli> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(63);
        builder.HasIndex(s => s.Name).IsUnique();
        builder.HasIndex(s => s.ServiceId);
        builder.Property(s => s.Description).HasMaxLength(2000);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.SourceSettings).HasMaxLength(16000);
        builder.Property(s => s.ManagedBy).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Revision).IsConcurrencyToken();
        // A service with indicators cannot be deleted until they are: their data would go with it.
        builder.HasOne(s => s.Service).WithMany().HasForeignKey(s => s.ServiceId).OnDelete(DeleteBehavior.Restrict);
    }
}
