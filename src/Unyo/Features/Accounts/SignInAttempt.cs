using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Unyo.Features.Accounts;

// Failures of one key ("account:<email>" or "address:<ip>") in the current window.
public sealed class SignInAttempt
{
    public required string Key { get; set; }
    public int Failures { get; set; }
    public DateTimeOffset WindowStart { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
}

internal sealed class SignInAttemptConfiguration : IEntityTypeConfiguration<SignInAttempt>
{
    public void Configure(EntityTypeBuilder<SignInAttempt> builder)
    {
        builder.HasKey(a => a.Key);
        builder.Property(a => a.Key).HasMaxLength(300);
    }
}
