using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Accounts;
using Unyo.Hosting;

namespace Unyo.Features.StatusPages;

// A public page that tells users how chosen services are, owned by a team. Everything on it is
// derived (components from checks, incidents and maintenance) or published on purpose (updates);
// nothing internal is copied onto it.
public sealed class StatusPage
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public Guid TeamId { get; set; }
    public Team? Team { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public List<StatusPageComponent> Components { get; set; } = [];
    public ManagedBy ManagedBy { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class StatusPageConfiguration : IEntityTypeConfiguration<StatusPage>
{
    public void Configure(EntityTypeBuilder<StatusPage> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(63);
        builder.HasIndex(p => p.Name).IsUnique();
        builder.HasIndex(p => p.TeamId);
        builder.Property(p => p.Title).HasMaxLength(200);
        builder.Property(p => p.Description).HasMaxLength(2000);
        builder.Property(p => p.ManagedBy).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Revision).IsConcurrencyToken();
        // A team with status pages cannot go until they do (StatusPageReferences names them).
        builder.HasOne(p => p.Team).WithMany().HasForeignKey(p => p.TeamId).OnDelete(DeleteBehavior.Restrict);
    }
}
