using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Catalog;

namespace Unyo.Features.Maintenance;

// A service a maintenance window covers.
public sealed class MaintenanceWindowService
{
    public Guid WindowId { get; set; }
    public MaintenanceWindow? Window { get; set; }
    public Guid ServiceId { get; set; }
    public Service? Service { get; set; }
}

internal sealed class MaintenanceWindowServiceConfiguration : IEntityTypeConfiguration<MaintenanceWindowService>
{
    public void Configure(EntityTypeBuilder<MaintenanceWindowService> builder)
    {
        builder.HasKey(s => new { s.WindowId, s.ServiceId });
        builder.HasIndex(s => s.ServiceId);
        builder.HasOne(s => s.Window).WithMany(w => w.Services).HasForeignKey(s => s.WindowId).OnDelete(DeleteBehavior.Cascade);
        // A service cannot go while a window names it (MaintenanceServiceReferences says which).
        builder.HasOne(s => s.Service).WithMany().HasForeignKey(s => s.ServiceId).OnDelete(DeleteBehavior.Restrict);
    }
}
