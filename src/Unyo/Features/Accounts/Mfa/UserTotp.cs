using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Unyo.Features.Accounts.Mfa;

// A person's authenticator. The shared secret is encrypted with Data Protection ("Unyo.Totp"):
// unlike a password it must be read back to check codes, so it cannot be hashed.
public sealed class UserTotp
{
    public Guid UserId { get; set; }
    public User? User { get; set; }
    public required string ProtectedSecret { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    // Null while enrolment waits for its first code; only a confirmed authenticator is asked for.
    public DateTimeOffset? ConfirmedAt { get; set; }
    // The last time step whose code was accepted: a code is refused at or before it, so one
    // seen over a shoulder or in a log cannot be used again.
    public long LastUsedStep { get; set; }
}

internal sealed class UserTotpConfiguration : IEntityTypeConfiguration<UserTotp>
{
    public void Configure(EntityTypeBuilder<UserTotp> builder)
    {
        builder.HasKey(t => t.UserId);
        builder.Property(t => t.ProtectedSecret).HasMaxLength(1000);
        builder.HasOne(t => t.User).WithOne().HasForeignKey<UserTotp>(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
