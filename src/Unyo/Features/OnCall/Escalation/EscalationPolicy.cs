using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Accounts;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Escalation;

// Whom to page for an alert, level by level, owned by a team. Its levels are one JSON document
// (StoredLevel): always read and written whole, in order, naming users, schedules and teams by
// id so that a rename keeps the policy.
public sealed class EscalationPolicy
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public Guid TeamId { get; set; }
    public Team? Team { get; set; }
    public string? Description { get; set; }
    public int Repeat { get; set; }
    public string Levels { get; set; } = "[]";
    public ManagedBy ManagedBy { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class EscalationPolicyConfiguration : IEntityTypeConfiguration<EscalationPolicy>
{
    public void Configure(EntityTypeBuilder<EscalationPolicy> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(63);
        builder.HasIndex(p => p.Name).IsUnique();
        builder.HasIndex(p => p.TeamId);
        builder.Property(p => p.Description).HasMaxLength(2000);
        builder.Property(p => p.Levels).HasMaxLength(64000);
        builder.Property(p => p.ManagedBy).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Revision).IsConcurrencyToken();
        builder.HasOne(p => p.Team).WithMany().HasForeignKey(p => p.TeamId).OnDelete(DeleteBehavior.Restrict);
    }
}
