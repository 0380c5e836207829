using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Unyo.Features.Accounts;

// A machine credential. Only the SHA-256 of the secret is stored: the secret is 256 random
// bits, so a fast hash is enough (no password-style stretching is needed against guessing).
// It belongs to a person (UserId) or to a team (TeamId, a service account), never both: a team's
// token keeps working when the person who made it leaves, and goes when the team goes.
public sealed class ApiToken
{
    public Guid Id { get; set; }
    public Guid? UserId { get; set; }
    public User? User { get; set; }
    public Guid? TeamId { get; set; }
    public Team? Team { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; set; }
    public required string Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public string? LastUsedFrom { get; set; }
    public TokenScope Scope { get; set; }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.LastUsedFrom).HasMaxLength(64);
        // Tokens made before scopes existed keep the full power they had.
        builder.Property(t => t.Scope).HasConversion<string>().HasMaxLength(16).HasDefaultValue(TokenScope.Admin).HasSentinel((TokenScope)(-1));
        builder.Property(t => t.Prefix).HasMaxLength(16);
        builder.Property(t => t.Hash).HasMaxLength(64);
        builder.HasIndex(t => t.Hash).IsUnique();
        builder.HasIndex(t => t.UserId);
        builder.HasIndex(t => t.TeamId);
        builder.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        // Deleting a team deletes its tokens in the same statement: they stop working at once.
        builder.HasOne(t => t.Team).WithMany().HasForeignKey(t => t.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t => t.HasCheckConstraint("CK_ApiTokens_OneOwner", "(\"UserId\" IS NULL) <> (\"TeamId\" IS NULL)"));
    }
}
