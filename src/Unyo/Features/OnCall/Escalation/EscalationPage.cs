using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Accounts;
using Unyo.Features.Alerts;

namespace Unyo.Features.OnCall.Escalation;

// A person paged for an alert, by a level of a policy or by a reassignment: the record on-call
// analytics count (pages, night pages, time to acknowledge) and the alert page lists.
public sealed class EscalationPage
{
    public Guid Id { get; set; }
    public long AlertId { get; set; }
    public Alert? Alert { get; set; }
    public Guid? EscalationId { get; set; }
    public Guid UserId { get; set; }
    public User? User { get; set; }
    // 0-based; null when paged by a reassignment.
    public int? Level { get; set; }
    public int Round { get; set; }
    // user, schedule NAME, team NAME or reassigned: why this person.
    public required string Via { get; set; }
    public DateTimeOffset At { get; set; }
}

internal sealed class EscalationPageConfiguration : IEntityTypeConfiguration<EscalationPage>
{
    public void Configure(EntityTypeBuilder<EscalationPage> builder)
    {
        builder.Property(p => p.Via).HasMaxLength(100);
        builder.HasIndex(p => p.AlertId);
        builder.HasIndex(p => new { p.UserId, p.At });
        builder.HasIndex(p => p.At);
        builder.HasOne(p => p.Alert).WithMany().HasForeignKey(p => p.AlertId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(p => p.User).WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AlertEscalation>().WithMany().HasForeignKey(p => p.EscalationId).OnDelete(DeleteBehavior.SetNull);
    }
}
