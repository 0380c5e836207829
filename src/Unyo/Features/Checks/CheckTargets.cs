using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Audit;
using Unyo.Features.Checks.Probes;
using Unyo.Hosting;

namespace Unyo.Features.Checks;

// The organisation's allow list for the target guard. Probes read it on every run, so it is kept
// in memory and re-read every few seconds (another node may have changed it).
public sealed class CheckTargets(IServiceScopeFactory scopes, TimeProvider time)
{
    public const int SettingsId = 1;
    private static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(10);

    private (TargetAllowList List, DateTimeOffset ReadAt)? _cached;

    public async Task<TargetAllowList> AllowListAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } cached && time.GetUtcNow() - cached.ReadAt < KeepFor)
        {
            return cached.List;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        var entries = await db.CheckTargetSettings.AsNoTracking().Where(s => s.Id == SettingsId).Select(s => s.AllowedTargets).SingleOrDefaultAsync(cancellationToken);
        var list = TargetAllowList.Parse(entries ?? [], new ValidationErrors());
        _cached = (list, time.GetUtcNow());
        return list;
    }

    public void Invalidate() => _cached = null;

    public static async Task<CheckSettingsRequest> ReadAsync(UnyoDb db, CancellationToken cancellationToken) =>
        new() { AllowedTargets = [.. await db.CheckTargetSettings.Where(s => s.Id == SettingsId).Select(s => s.AllowedTargets).SingleOrDefaultAsync(cancellationToken) ?? []] };

    // Replaces the allow list in one write with its audit record. A replace is whole, so when
    // another admin's replace lands first (the version moved, or both created the row), this one
    // is read again and written after it: the last write wins, as with any PUT of settings.
    public async Task<CheckSettingsRequest> WriteAsync(UnyoDb db, AuditLog audit, TargetAllowList allowed, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryWriteAsync(db, audit, allowed, cancellationToken);
            }
            catch (DbUpdateException exception) when (attempt < 3 && (exception is DbUpdateConcurrencyException || DatabaseProvider.IsUniqueViolation(exception)))
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<CheckSettingsRequest> TryWriteAsync(UnyoDb db, AuditLog audit, TargetAllowList allowed, CancellationToken cancellationToken)
    {
        var row = await db.CheckTargetSettings.SingleOrDefaultAsync(s => s.Id == SettingsId, cancellationToken);
        var before = row is null ? [] : row.AllowedTargets.ToArray();
        if (row is null)
        {
            row = new CheckTargetSettings { Id = SettingsId };
            db.CheckTargetSettings.Add(row);
        }
        row.AllowedTargets = [.. allowed.Entries];
        row.Version++;
        row.UpdatedAt = time.StoredNow();
        audit.RecordHere("check-settings.update", "CheckSettings", "allowed-targets", new { allowedTargets = before }, new { allowedTargets = allowed.Entries });
        await db.SaveChangesAsync(cancellationToken);
        Invalidate();
        return new CheckSettingsRequest { AllowedTargets = allowed.Entries };
    }
}
