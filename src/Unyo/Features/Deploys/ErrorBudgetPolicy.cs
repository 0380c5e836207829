using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Hosting;

namespace Unyo.Features.Deploys;

// A stored error-budget policy: either the organisation default (at most one) or the policy of
// the services it names (a service follows at most one). Thresholds are percentages of the
// budget left, as people write them.
public sealed class ErrorBudgetPolicy
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public bool IsDefault { get; set; }
    public List<PolicyStepValue> Steps { get; set; } = [];
    public bool FreezeWhilePaging { get; set; }
    public List<string> ExemptLabels { get; set; } = [];
    public List<ErrorBudgetPolicyService> Services { get; set; } = [];
    public ManagedBy ManagedBy { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public PolicyRules ToRules() => new(
        [.. Steps.Select(s => new PolicyStep((decimal)s.RemainingAtOrBelowPercent, s.Decision))],
        FreezeWhilePaging,
        [.. ExemptLabels.Order(StringComparer.Ordinal)]);
}

public sealed class PolicyStepValue
{
    public double RemainingAtOrBelowPercent { get; set; }
    public GateDecision Decision { get; set; }
}

internal sealed class ErrorBudgetPolicyConfiguration : IEntityTypeConfiguration<ErrorBudgetPolicy>
{
    public void Configure(EntityTypeBuilder<ErrorBudgetPolicy> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(63);
        builder.HasIndex(p => p.Name).IsUnique();
        builder.Property(p => p.Description).HasMaxLength(2000);
        // At most one organisation default; the filter reads as a boolean on both providers.
        builder.HasIndex(p => p.IsDefault).IsUnique().HasFilter("\"IsDefault\"");
        builder.Property(p => p.ManagedBy).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Revision).IsConcurrencyToken();
        builder.OwnsMany(p => p.Steps, steps =>
        {
            steps.ToJson();
            steps.Property(s => s.Decision).HasConversion<string>();
        });
    }
}
