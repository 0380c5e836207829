using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Unyo.Features.Accounts;

public sealed class User
{
    public Guid Id { get; set; }
    // Lower-cased, so the unique index compares emails case-insensitively on both providers.
    public required string Email { get; set; }
    public required string DisplayName { get; set; }
    public required string PasswordHash { get; set; }
    public OrgRole Role { get; set; }
    // Changes when the password or role changes, so that existing cookies are re-checked.
    public required string SecurityStamp { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSignInAt { get; set; }
    // A disabled account keeps its history (audit, ownership) but cannot sign in or use tokens.
    public bool Disabled { get; set; }
    public List<TeamMembership> Memberships { get; set; } = [];
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.Property(u => u.Email).HasMaxLength(254);
        builder.HasIndex(u => u.Email).IsUnique();
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.Property(u => u.PasswordHash).HasMaxLength(500);
        builder.Property(u => u.SecurityStamp).HasMaxLength(64);
        builder.Property(u => u.Role).HasConversion<string>().HasMaxLength(16);
    }
}
