using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Accounts;

namespace Unyo.Features.OnCall.Personal;

// One way to reach one person. Address is what may be shown (an email, a phone number); a chat
// or push URL (and a push signing secret) is a credential: a JSON object sealed with SecretBox,
// shown only as the URL's host.
public sealed class ContactMethod
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public User? User { get; set; }
    public ContactMethodKind Kind { get; set; }
    public required string Label { get; set; }
    public string? Address { get; set; }
    public string? SealedSecrets { get; set; }
    // The URL's host, kept in the clear so pages can say where it goes.
    public string? UrlHost { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class ContactMethodConfiguration : IEntityTypeConfiguration<ContactMethod>
{
    public void Configure(EntityTypeBuilder<ContactMethod> builder)
    {
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Label).HasMaxLength(100);
        builder.Property(c => c.Address).HasMaxLength(254);
        builder.Property(c => c.SealedSecrets).HasMaxLength(4000);
        builder.Property(c => c.UrlHost).HasMaxLength(255);
        builder.HasIndex(c => c.UserId);
        builder.HasOne(c => c.User).WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
