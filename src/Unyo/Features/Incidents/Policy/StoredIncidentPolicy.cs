using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Hosting;

namespace Unyo.Features.Incidents.Policy;

// The organisation's one incident policy, as a JSON document (IncidentPolicyDocument): always
// read and written whole. No row means the built-in defaults are in force.
public sealed class StoredIncidentPolicy
{
    public required string Name { get; set; }
    public required string Spec { get; set; }
    public ManagedBy ManagedBy { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class StoredIncidentPolicyConfiguration : IEntityTypeConfiguration<StoredIncidentPolicy>
{
    public void Configure(EntityTypeBuilder<StoredIncidentPolicy> builder)
    {
        builder.ToTable("IncidentPolicies");
        builder.HasKey(p => p.Name);
        builder.Property(p => p.Name).HasMaxLength(63);
        builder.Property(p => p.Spec).HasMaxLength(200000);
        builder.Property(p => p.ManagedBy).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Revision).IsConcurrencyToken();
    }
}
