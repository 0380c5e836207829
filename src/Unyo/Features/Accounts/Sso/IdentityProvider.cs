using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Hosting;

namespace Unyo.Features.Accounts.Sso;

// An OpenID Connect provider people may sign in with. Admins configure it (API, page, YAML);
// IdentityProviderDefinition holds the rules for its fields.
public sealed class IdentityProvider
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string DisplayName { get; set; }
    public required string Issuer { get; set; }
    public required string ClientId { get; set; }
    // Sealed with SecretBox; null for a public client (PKCE alone).
    public string? ProtectedClientSecret { get; set; }
    public required string Scopes { get; set; }
    public required string EmailClaim { get; set; }
    public required string NameClaim { get; set; }
    public required string GroupsClaim { get; set; }
    public bool JitProvisioning { get; set; }
    public OrgRole JitRole { get; set; }
    // JSON list of {group, orgRole, team}: read whole at every sign-in, never queried by part.
    public required string GroupMappings { get; set; }
    public bool Enabled { get; set; }
    public ManagedBy ManagedBy { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class IdentityProviderConfiguration : IEntityTypeConfiguration<IdentityProvider>
{
    public void Configure(EntityTypeBuilder<IdentityProvider> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(63);
        builder.HasIndex(p => p.Name).IsUnique();
        builder.Property(p => p.DisplayName).HasMaxLength(100);
        builder.Property(p => p.Issuer).HasMaxLength(500);
        builder.Property(p => p.ClientId).HasMaxLength(500);
        builder.Property(p => p.ProtectedClientSecret).HasMaxLength(2000);
        builder.Property(p => p.Scopes).HasMaxLength(500);
        builder.Property(p => p.EmailClaim).HasMaxLength(100);
        builder.Property(p => p.NameClaim).HasMaxLength(100);
        builder.Property(p => p.GroupsClaim).HasMaxLength(100);
        builder.Property(p => p.JitRole).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.GroupMappings).HasMaxLength(20000);
        builder.Property(p => p.ManagedBy).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Revision).IsConcurrencyToken();
    }
}
