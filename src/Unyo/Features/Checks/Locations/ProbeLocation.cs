using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Unyo.Features.Checks.Locations;

// A place where a probe agent (`unyo probe`) runs checks: another region, a customer's network,
// a branch office. The agent proves it speaks for the location with the location's token.
public sealed class ProbeLocation
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    // SHA-256 of the agent token; the token itself is shown once, at creation or rotation.
    public required string TokenHash { get; set; }
    public DateTimeOffset? LastSeenAt { get; set; }
    public string? LastSeenAgent { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class ProbeLocationConfiguration : IEntityTypeConfiguration<ProbeLocation>
{
    public void Configure(EntityTypeBuilder<ProbeLocation> builder)
    {
        builder.Property(l => l.Name).HasMaxLength(63);
        builder.HasIndex(l => l.Name).IsUnique();
        builder.Property(l => l.Description).HasMaxLength(500);
        builder.Property(l => l.TokenHash).HasMaxLength(64);
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.Property(l => l.LastSeenAgent).HasMaxLength(200);
    }
}
