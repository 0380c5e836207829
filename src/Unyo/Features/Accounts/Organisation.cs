using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Accounts.Mfa;

namespace Unyo.Features.Accounts;

// The one organisation an instance serves; its row also marks that first-start bootstrap ran.
public sealed class Organisation
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public MfaPolicy MfaPolicy { get; set; }
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Name).HasMaxLength(200);
        // Existing organisations start with no requirement.
        builder.Property(o => o.MfaPolicy).HasConversion<string>().HasMaxLength(16).HasDefaultValue(MfaPolicy.None);
    }
}
