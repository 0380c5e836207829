using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Unyo.Features.Accounts.Sso;

// Ties a provider's subject (`sub`, stable for the person at that provider) to a Unyo account.
// Found first at every sign-in, so a changed email at the provider still reaches the same account.
public sealed class SsoLink
{
    public Guid ProviderId { get; set; }
    public IdentityProvider? Provider { get; set; }
    public required string Subject { get; set; }
    public Guid UserId { get; set; }
    public User? User { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastSignInAt { get; set; }
}

internal sealed class SsoLinkConfiguration : IEntityTypeConfiguration<SsoLink>
{
    public void Configure(EntityTypeBuilder<SsoLink> builder)
    {
        builder.HasKey(l => new { l.ProviderId, l.Subject });
        builder.Property(l => l.Subject).HasMaxLength(255);
        builder.HasIndex(l => l.UserId);
        builder.HasOne(l => l.Provider).WithMany().HasForeignKey(l => l.ProviderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(l => l.User).WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
