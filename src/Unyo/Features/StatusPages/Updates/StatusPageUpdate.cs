using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Incidents;

namespace Unyo.Features.StatusPages.Updates;

// What the public was told about an incident on one page, and when: the only incident text that
// ever leaves Unyo. Title and Message are plain text written for the public; By is kept for the
// audit and the incident's own views and is never shown publicly.
public sealed class StatusPageUpdate
{
    public long Id { get; set; }
    public Guid PageId { get; set; }
    public StatusPage? Page { get; set; }
    public long IncidentId { get; set; }
    public IncidentStatus Status { get; set; }
    public required string Title { get; set; }
    public required string Message { get; set; }
    public DateTimeOffset At { get; set; }
    public required string By { get; set; }
}

internal sealed class StatusPageUpdateConfiguration : IEntityTypeConfiguration<StatusPageUpdate>
{
    public void Configure(EntityTypeBuilder<StatusPageUpdate> builder)
    {
        builder.Property(u => u.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(u => u.Title).HasMaxLength(200);
        builder.Property(u => u.Message).HasMaxLength(5000);
        builder.Property(u => u.By).HasMaxLength(200);
        builder.HasIndex(u => new { u.PageId, u.At });
        builder.HasIndex(u => u.IncidentId);
        builder.HasOne(u => u.Page).WithMany().HasForeignKey(u => u.PageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Incident>().WithMany().HasForeignKey(u => u.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}
