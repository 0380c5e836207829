using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Accounts;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Silences;

// Holds back notifications of matching alerts from StartsAt to EndsAt (or to ExpiredAt, when
// someone ended it early). TeamId null: an organisation-wide silence, which only admins make. A
// team's silence only ever covers alerts of that team's services, whatever its matchers say.
public sealed class Silence
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public Guid? TeamId { get; set; }
    public Team? Team { get; set; }
    // Canonical string forms (service="checkout"), read back with LabelMatchers.FromStored.
    public List<string> Matchers { get; set; } = [];
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public required string Comment { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiredAt { get; set; }
    public string? ExpiredBy { get; set; }
    public ManagedBy ManagedBy { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset EffectiveEnd => ExpiredAt is { } expired && expired < EndsAt ? expired : EndsAt;
}

internal sealed class SilenceConfiguration : IEntityTypeConfiguration<Silence>
{
    public void Configure(EntityTypeBuilder<Silence> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(63);
        builder.HasIndex(s => s.Name).IsUnique();
        builder.HasIndex(s => s.TeamId);
        builder.HasIndex(s => s.EndsAt);
        builder.Property(s => s.Comment).HasMaxLength(SilenceValidator.MaxComment);
        builder.Property(s => s.CreatedBy).HasMaxLength(200);
        builder.Property(s => s.ExpiredBy).HasMaxLength(200);
        builder.Property(s => s.ManagedBy).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Revision).IsConcurrencyToken();
        builder.Ignore(s => s.EffectiveEnd);
        builder.HasOne(s => s.Team).WithMany().HasForeignKey(s => s.TeamId).OnDelete(DeleteBehavior.Restrict);
    }
}
