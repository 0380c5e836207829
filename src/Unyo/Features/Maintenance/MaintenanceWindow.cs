using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Accounts;
using Unyo.Hosting;

namespace Unyo.Features.Maintenance;

// Planned work on services or single checks, owned by a team: once (StartsAt to EndsAt) or
// recurring (Rrule or Cron on the wall clock of TimeZone, from LocalStart, DurationMinutes long,
// none starting at or after Until). Checks are kept by name: they stand beside this feature, and
// IMaintenanceScopeNames says which exist.
public sealed class MaintenanceWindow
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public Guid TeamId { get; set; }
    public Team? Team { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public List<MaintenanceWindowService> Services { get; set; } = [];
    public List<string> Checks { get; set; } = [];
    public DateTimeOffset? StartsAt { get; set; }
    public DateTimeOffset? EndsAt { get; set; }
    public string? Rrule { get; set; }
    public string? Cron { get; set; }
    // The wall-clock start of a recurring window, as yyyy-MM-ddTHH:mm in TimeZone: a local time has
    // no instant until the rule says which day, so it is not stored as one.
    public string? LocalStart { get; set; }
    public int? DurationMinutes { get; set; }
    public string? TimeZone { get; set; }
    public DateTimeOffset? Until { get; set; }
    public bool SuppressAlerts { get; set; } = true;
    // Occurrences ended early. Not part of the definition: an apply of the same file keeps them.
    public List<MaintenanceCut> Cuts { get; set; } = [];
    public ManagedBy ManagedBy { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

// The occurrence that began at OccurrenceStart was ended at EndedAt.
public sealed class MaintenanceCut
{
    public DateTimeOffset OccurrenceStart { get; set; }
    public DateTimeOffset EndedAt { get; set; }
}

internal sealed class MaintenanceWindowConfiguration : IEntityTypeConfiguration<MaintenanceWindow>
{
    public void Configure(EntityTypeBuilder<MaintenanceWindow> builder)
    {
        builder.Property(w => w.Name).HasMaxLength(63);
        builder.HasIndex(w => w.Name).IsUnique();
        builder.HasIndex(w => w.TeamId);
        builder.Property(w => w.Title).HasMaxLength(200);
        builder.Property(w => w.Description).HasMaxLength(2000);
        builder.Property(w => w.Rrule).HasMaxLength(500);
        builder.Property(w => w.Cron).HasMaxLength(200);
        builder.Property(w => w.LocalStart).HasMaxLength(16);
        builder.Property(w => w.TimeZone).HasMaxLength(64);
        builder.Property(w => w.ManagedBy).HasConversion<string>().HasMaxLength(16);
        builder.Property(w => w.Revision).IsConcurrencyToken();
        builder.OwnsMany(w => w.Cuts, cuts => cuts.ToJson());
        // A team with windows cannot be deleted until they are (or move to another team).
        builder.HasOne(w => w.Team).WithMany().HasForeignKey(w => w.TeamId).OnDelete(DeleteBehavior.Restrict);
    }
}
