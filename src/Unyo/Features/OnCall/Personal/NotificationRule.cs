using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Accounts;
using Unyo.Features.Alerts;

namespace Unyo.Features.OnCall.Personal;

// One step of how a person wants to be paged for alerts of one urgency: contact method M,
// DelayMinutes after the page (high: SMS at 0, voice at 5; low: email at 0). An acknowledgement
// cancels the steps not yet sent.
public sealed class NotificationRule
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public User? User { get; set; }
    public AlertUrgency Urgency { get; set; }
    public Guid ContactMethodId { get; set; }
    public ContactMethod? ContactMethod { get; set; }
    public int DelayMinutes { get; set; }
}

internal sealed class NotificationRuleConfiguration : IEntityTypeConfiguration<NotificationRule>
{
    public void Configure(EntityTypeBuilder<NotificationRule> builder)
    {
        builder.Property(r => r.Urgency).HasConversion<string>().HasMaxLength(8);
        builder.HasIndex(r => new { r.UserId, r.Urgency });
        builder.HasIndex(r => r.ContactMethodId);
        builder.HasOne(r => r.User).WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.ContactMethod).WithMany().HasForeignKey(r => r.ContactMethodId).OnDelete(DeleteBehavior.Cascade);
    }
}
