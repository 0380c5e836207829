using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Unyo.Features.Checks;

// The organisation's one row of check settings: targets an admin allows although the target
// guard would refuse them (loopback, private, link-local, metadata addresses).
public sealed class CheckTargetSettings
{
    public int Id { get; set; }
    public List<string> AllowedTargets { get; set; } = [];
    public int Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class CheckTargetSettingsConfiguration : IEntityTypeConfiguration<CheckTargetSettings>
{
    public void Configure(EntityTypeBuilder<CheckTargetSettings> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}
