using Microsoft.EntityFrameworkCore;
using Unyo.Data;

namespace Unyo.Features.Checks;

// Writes a flush's raw results and minutes many rows per statement, in the caller's transaction,
// instead of through EF Core's change tracker: at 10,000 checks a minute, tracking every result and
// minute and reading back each result's id cost more CPU than probing (docs/benchmarks.md).
// Minutes keep their optimistic concurrency: a new minute another node stored first fails the
// insert on its key, a stored one another node changed fails its version; the caller reads the
// batch again and retries, as with SaveChanges.
public static class CheckRowWriter
{
    private static readonly string[] ResultColumns =
    [
        nameof(CheckResult.CheckId), nameof(CheckResult.Location), nameof(CheckResult.At), nameof(CheckResult.Outcome),
        nameof(CheckResult.LatencyMs), nameof(CheckResult.Reason), nameof(CheckResult.Attempts), nameof(CheckResult.Details),
    ];

    private static readonly string[] MinuteColumns =
    [
        nameof(CheckMinute.CheckId), nameof(CheckMinute.Minute), nameof(CheckMinute.Up), nameof(CheckMinute.Degraded), nameof(CheckMinute.Down),
        nameof(CheckMinute.P50Ms), nameof(CheckMinute.P95Ms), nameof(CheckMinute.P99Ms), nameof(CheckMinute.MaxMs), nameof(CheckMinute.LatenciesMs),
        nameof(CheckMinute.Version),
    ];

    // A minute as this flush leaves it, and its version as read (null: not stored yet).
    public sealed record Minute(CheckMinute Row, int? StoredVersion);

    public static async Task WriteAsync(UnyoDb db, DatabaseProvider provider, IReadOnlyList<CheckResult> results, IEnumerable<Minute> minutes, CancellationToken cancellationToken)
    {
        // Outcomes as the model stores them (HasConversion<string>: the enum's name).
        await provider.InsertRowsAsync(db, "CheckResults", ResultColumns,
            [.. results.Select(r => new object?[] { r.CheckId, r.Location, r.At, r.Outcome.ToString(), r.LatencyMs, r.Reason, r.Attempts, r.Details })],
            cancellationToken);
        var (added, changed) = (new List<object?[]>(), new List<object?[]>());
        foreach (var (row, stored) in minutes)
        {
            object?[] values = [row.CheckId, row.Minute, row.Up, row.Degraded, row.Down, row.P50Ms, row.P95Ms, row.P99Ms, row.MaxMs, row.LatenciesMs, row.Version, stored];
            (stored is null ? added : changed).Add(values);
        }
        await provider.InsertRowsAsync(db, "CheckMinutes", MinuteColumns, added, cancellationToken);
        var updated = await provider.UpdateRowsAsync(db, "CheckMinutes", MinuteColumns, keyColumns: 2, nameof(CheckMinute.Version), changed, cancellationToken);
        if (updated != changed.Count)
        {
            throw new DbUpdateConcurrencyException($"{changed.Count - updated} of {changed.Count} check minutes changed since they were read.");
        }
    }
}
