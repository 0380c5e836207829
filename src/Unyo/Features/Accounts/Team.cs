using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Hosting;

namespace Unyo.Features.Accounts;

// A team owns services and everything that hangs off them; ownership drives permissions.
public sealed class Team
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string DisplayName { get; set; }
    public string? Description { get; set; }
    public ManagedBy ManagedBy { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<TeamMembership> Memberships { get; set; } = [];
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(63);
        builder.HasIndex(t => t.Name).IsUnique();
        builder.Property(t => t.DisplayName).HasMaxLength(200);
        builder.Property(t => t.Description).HasMaxLength(2000);
        builder.Property(t => t.ManagedBy).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Revision).IsConcurrencyToken();
    }
}
