using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Accounts;
using Unyo.Hosting;

namespace Unyo.Features.Catalog;

public sealed class Service
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string DisplayName { get; set; }
    public Guid TeamId { get; set; }
    public Team? Team { get; set; }
    public int Tier { get; set; }
    public ServiceLifecycle Lifecycle { get; set; }
    public string? Description { get; set; }
    public string? RunbookUrl { get; set; }
    public string? RepositoryUrl { get; set; }
    public List<string> Tags { get; set; } = [];
    public List<ServiceLinkValue> Links { get; set; } = [];
    public List<ServiceDependency> Dependencies { get; set; } = [];
    public ManagedBy ManagedBy { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public enum ServiceLifecycle
{
    Experimental,
    Production,
    Deprecated,
}

public sealed class ServiceLinkValue
{
    public required string Title { get; set; }
    public required string Url { get; set; }
}

internal sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(63);
        builder.HasIndex(s => s.Name).IsUnique();
        builder.HasIndex(s => s.TeamId);
        builder.Property(s => s.DisplayName).HasMaxLength(200);
        builder.Property(s => s.Description).HasMaxLength(2000);
        builder.Property(s => s.RunbookUrl).HasMaxLength(2048);
        builder.Property(s => s.RepositoryUrl).HasMaxLength(2048);
        builder.Property(s => s.Lifecycle).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.ManagedBy).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Revision).IsConcurrencyToken();
        builder.HasOne(s => s.Team).WithMany().HasForeignKey(s => s.TeamId).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsMany(s => s.Links, links => links.ToJson());
    }
}
