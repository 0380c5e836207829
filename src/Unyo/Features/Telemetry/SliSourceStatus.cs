using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.Telemetry;

// How an SLI's source is doing: when data last arrived, the last problem reading it, and (for
// sources Unyo pulls from) how far it has read. Pages and the SLO status show the problem, so a
// broken source reads as "no data: <reason>", never as a perfect SLO.
public sealed class SliSourceStatus
{
    public Guid SliId { get; set; }
    public DateTimeOffset? LastDataAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? LastErrorAt { get; set; }
    // Pulled sources: every minute before this instant has been read (or given up on).
    public DateTimeOffset? ReadThrough { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    // An error stays current until data arrives after it.
    public string? CurrentError => LastErrorAt is { } failed && (LastDataAt is not { } data || data <= failed) ? LastError : null;
}

internal sealed class SliSourceStatusConfiguration : IEntityTypeConfiguration<SliSourceStatus>
{
    public void Configure(EntityTypeBuilder<SliSourceStatus> builder)
    {
        builder.HasKey(s => s.SliId);
        builder.Property(s => s.LastError).HasMaxLength(1000);
        builder.HasOne<Sli>().WithMany().HasForeignKey(s => s.SliId).OnDelete(DeleteBehavior.Cascade);
    }
}

// Records what sources report. Each call is its own small write, so a source that fails often
// cannot hold up anything else.
public sealed class SliSourceHealth(UnyoDb db, TimeProvider time)
{
    public const int MaxErrorLength = 1000;

    public Task<SliSourceStatus?> GetAsync(Guid sliId, CancellationToken cancellationToken) =>
        db.SliSourceStatuses.AsNoTracking().SingleOrDefaultAsync(s => s.SliId == sliId, cancellationToken);

    public Task<Dictionary<Guid, SliSourceStatus>> GetAsync(IReadOnlyCollection<Guid> sliIds, CancellationToken cancellationToken) =>
        db.SliSourceStatuses.AsNoTracking().Where(s => sliIds.Contains(s.SliId)).ToDictionaryAsync(s => s.SliId, cancellationToken);

    public Task RecordDataAsync(Guid sliId, DateTimeOffset? readThrough, CancellationToken cancellationToken) =>
        UpdateAsync(sliId, status =>
        {
            status.LastDataAt = time.StoredNow();
            status.ReadThrough = readThrough ?? status.ReadThrough;
        }, cancellationToken);

    public Task RecordErrorAsync(Guid sliId, string error, CancellationToken cancellationToken) =>
        UpdateAsync(sliId, status => SetError(status, error), cancellationToken);

    // Pulled sources, once per read: how far it got, and what failed if anything did. A read
    // with an error leaves LastDataAt alone, so the error stays current even when earlier
    // minutes of the same read succeeded.
    public Task RecordReadAsync(Guid sliId, DateTimeOffset readThrough, string? error, CancellationToken cancellationToken) =>
        UpdateAsync(sliId, status =>
        {
            status.ReadThrough = readThrough;
            if (error is null)
            {
                status.LastDataAt = time.StoredNow();
            }
            else
            {
                SetError(status, error);
            }
        }, cancellationToken);

    private void SetError(SliSourceStatus status, string error)
    {
        status.LastError = error.Length > MaxErrorLength ? error[..(MaxErrorLength - 1)] + "…" : error;
        status.LastErrorAt = time.StoredNow();
    }

    private async Task UpdateAsync(Guid sliId, Action<SliSourceStatus> change, CancellationToken cancellationToken)
    {
        var status = await db.SliSourceStatuses.SingleOrDefaultAsync(s => s.SliId == sliId, cancellationToken);
        if (status is null)
        {
            status = new SliSourceStatus { SliId = sliId };
            db.SliSourceStatuses.Add(status);
        }
        change(status);
        status.UpdatedAt = time.StoredNow();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseProvider.IsUniqueViolation(exception))
        {
            // Another node inserted the row first: apply the change to its row.
            db.ChangeTracker.Clear();
            var stored = await db.SliSourceStatuses.SingleAsync(s => s.SliId == sliId, cancellationToken);
            change(stored);
            stored.UpdatedAt = time.StoredNow();
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
