using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Accounts;

namespace Unyo.Features.OnCall.Schedules;

// A person's secret calendar-feed URL. Calendar apps subscribe by URL and cannot send a bearer
// token, so the URL is the credential: long and random, stored only as its hash, shown once,
// replaced by asking for a new one. One per person.
public sealed class OnCallFeedSecret
{
    public Guid UserId { get; set; }
    public User? User { get; set; }
    public required string SecretHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class OnCallFeedSecretConfiguration : IEntityTypeConfiguration<OnCallFeedSecret>
{
    public void Configure(EntityTypeBuilder<OnCallFeedSecret> builder)
    {
        builder.HasKey(s => s.UserId);
        builder.Property(s => s.SecretHash).HasMaxLength(64);
        builder.HasIndex(s => s.SecretHash).IsUnique();
        builder.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
