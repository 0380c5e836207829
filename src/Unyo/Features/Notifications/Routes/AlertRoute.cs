using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Accounts;
using Unyo.Hosting;

namespace Unyo.Features.Notifications.Routes;

// An ordered rule that sends matching alerts' notifications to channels. TeamId null: an
// organisation route (admins only). A team's route only ever matches its own services' alerts.
// Services and channels are kept by name, as the YAML names them; writes check that they exist.
public sealed class AlertRoute
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public Guid? TeamId { get; set; }
    public Team? Team { get; set; }
    public int Order { get; set; }
    public List<string> Services { get; set; } = [];
    // Lower-case enum names (critical, high).
    public List<string> Severities { get; set; } = [];
    public List<string> Urgencies { get; set; } = [];
    // Canonical string forms, read back with LabelMatchers.FromStored.
    public List<string> Matchers { get; set; } = [];
    public List<string> Channels { get; set; } = [];
    // Reserved for the on-call issue's escalation policies; always null until then.
    public string? EscalationPolicy { get; set; }
    public bool Continue { get; set; }
    public bool Enabled { get; set; } = true;
    public ManagedBy ManagedBy { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class AlertRouteConfiguration : IEntityTypeConfiguration<AlertRoute>
{
    public void Configure(EntityTypeBuilder<AlertRoute> builder)
    {
        builder.Property(r => r.Name).HasMaxLength(63);
        builder.HasIndex(r => r.Name).IsUnique();
        builder.HasIndex(r => r.TeamId);
        builder.Property(r => r.EscalationPolicy).HasMaxLength(63);
        builder.Property(r => r.ManagedBy).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Revision).IsConcurrencyToken();
        builder.HasOne(r => r.Team).WithMany().HasForeignKey(r => r.TeamId).OnDelete(DeleteBehavior.Restrict);
    }
}
