using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Catalog;
using Unyo.Features.Telemetry;
using Unyo.Hosting;

namespace Unyo.Features.Slos;

// A service level objective: the share of an SLI's events (or time slices) that must be good
// over a window. Objective and slice target are stored as percentages, as people write them.
public sealed class Slo
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string DisplayName { get; set; }
    public string? Description { get; set; }
    public Guid ServiceId { get; set; }
    public Service? Service { get; set; }
    public Guid SliId { get; set; }
    public Sli? Sli { get; set; }
    public double ObjectivePercent { get; set; }
    public int? RollingDays { get; set; }
    public CalendarPeriod? CalendarPeriod { get; set; }
    public string TimeZone { get; set; } = "UTC";
    public BudgetingMethod Budgeting { get; set; }
    public double? TimeSliceTargetPercent { get; set; }
    public int? TimeSliceMinutes { get; set; }
    // Overrides of the Workbook's burn-rate rules; empty means the defaults.
    public List<BurnRateRuleValue> AlertRules { get; set; } = [];
    // Minutes of maintenance windows covering the service count neither good nor bad.
    public bool ExcludeMaintenance { get; set; }
    public ManagedBy ManagedBy { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    // The zone of its calendar: the window's for calendar windows, UTC for rolling ones.
    public TimeZoneInfo CalendarZone => RollingDays is null ? TimeZoneInfo.FindSystemTimeZoneById(TimeZone) : TimeZoneInfo.Utc;

    public SloDefinition ToDefinition() => new(
        ObjectivePercent / 100,
        RollingDays is { } days ? SloWindow.RollingDays(days) : SloWindow.CalendarIn(CalendarPeriod!.Value, CalendarZone),
        Budgeting,
        AlertRules.Count == 0 ? BurnRateRule.WorkbookDefaults : [.. AlertRules.Select(r => r.ToRule())],
        (TimeSliceTargetPercent ?? 0) / 100,
        TimeSliceMinutes ?? 1);
}

public sealed class BurnRateRuleValue
{
    public BurnSeverity Severity { get; set; }
    public int LongWindowMinutes { get; set; }
    public int ShortWindowMinutes { get; set; }
    public double BudgetConsumedPercent { get; set; }

    public BurnRateRule ToRule() => new(Severity, TimeSpan.FromMinutes(LongWindowMinutes), TimeSpan.FromMinutes(ShortWindowMinutes), BudgetConsumedPercent / 100);
}

internal sealed class SloConfiguration : IEntityTypeConfiguration<Slo>
{
    public void Configure(EntityTypeBuilder<Slo> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(63);
        builder.HasIndex(s => s.Name).IsUnique();
        builder.HasIndex(s => s.ServiceId);
        builder.HasIndex(s => s.SliId);
        builder.Property(s => s.DisplayName).HasMaxLength(200);
        builder.Property(s => s.Description).HasMaxLength(2000);
        builder.Property(s => s.TimeZone).HasMaxLength(64);
        builder.Property(s => s.CalendarPeriod).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Budgeting).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.ManagedBy).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Revision).IsConcurrencyToken();
        builder.OwnsMany(s => s.AlertRules, rules =>
        {
            rules.ToJson();
            rules.Property(r => r.Severity).HasConversion<string>();
        });
        builder.HasOne(s => s.Service).WithMany().HasForeignKey(s => s.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.Sli).WithMany().HasForeignKey(s => s.SliId).OnDelete(DeleteBehavior.Restrict);
    }
}
