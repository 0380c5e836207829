using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Unyo.Features.Accounts.Sessions;

// A signed-in browser. The cookie only names the session; this row decides whether it still
// counts, so a session can be ended from anywhere (the person, an admin, a timeout) at once.
public sealed class UserSession
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public User? User { get; set; }
    // How the person proved who they are: "password" or "oidc:<provider>".
    public required string Method { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public string? LastSeenFrom { get; set; }
    public string? UserAgent { get; set; }
    // The absolute deadline, fixed at sign-in: activity never extends it.
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndReason { get; set; }

    public bool IsSso => Method.StartsWith("oidc:", StringComparison.Ordinal);
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.Property(s => s.Method).HasMaxLength(80);
        builder.Property(s => s.LastSeenFrom).HasMaxLength(64);
        builder.Property(s => s.UserAgent).HasMaxLength(256);
        builder.Property(s => s.EndReason).HasMaxLength(32);
        builder.HasIndex(s => new { s.UserId, s.EndedAt });
        builder.HasIndex(s => s.ExpiresAt);
        builder.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
