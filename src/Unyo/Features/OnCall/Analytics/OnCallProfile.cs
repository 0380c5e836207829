using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Features.Accounts;

namespace Unyo.Features.OnCall.Analytics;

// Where and when a person works: what "off hours" and "at night" mean for their pages. One per
// person; a person without one works mon–fri 09:00–17:00 UTC (WorkingHours.Default).
public sealed class OnCallProfile
{
    public Guid UserId { get; set; }
    public User? User { get; set; }
    // An IANA name, canonical spelling (Asia/Tokyo).
    public required string TimeZone { get; set; }
    // Weekdays as the canonical short names, comma-separated in week order: "mon,tue,wed,thu,fri".
    public required string WorkDays { get; set; }
    public TimeOnly WorkFrom { get; set; }
    public TimeOnly WorkTo { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class OnCallProfileConfiguration : IEntityTypeConfiguration<OnCallProfile>
{
    public void Configure(EntityTypeBuilder<OnCallProfile> builder)
    {
        builder.HasKey(p => p.UserId);
        builder.Property(p => p.TimeZone).HasMaxLength(100);
        builder.Property(p => p.WorkDays).HasMaxLength(27);
        builder.HasOne(p => p.User).WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
