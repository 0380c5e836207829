using Microsoft.EntityFrameworkCore;
using Unyo.Data;

namespace Unyo.Features.Checks;

// Writes a flush's raw results, minutes and states many rows per statement, in the caller's
// transaction, instead of through EF Core's change tracker: at 10,000 checks a minute, tracking
// every result, minute and state cost more CPU than probing (docs/benchmarks.md). Minutes and
// states keep their optimistic concurrency: a new minute another node stored first fails the
// insert on its key, a row another node changed fails its version; the caller reads the batch
// again and retries, as with SaveChanges.
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

    private static readonly string[] StateColumns =
    [
        nameof(CheckState.CheckId), nameof(CheckState.Status), nameof(CheckState.Reason), nameof(CheckState.Since), nameof(CheckState.LastResultAt),
        nameof(CheckState.Streaks), nameof(CheckState.LastPingAt), nameof(CheckState.LastStartAt), nameof(CheckState.Version),
    ];

    // A minute as this flush leaves it, and its version as read (null: not stored yet).
    public sealed record Minute(CheckMinute Row, int? StoredVersion);

    // A state as this flush leaves it, and its version as read.
    public sealed record State(CheckState Row, int StoredVersion);

    // Every state, each only if its version is still the one read.
    public static async Task WriteStatesAsync(UnyoDb db, DatabaseProvider provider, IReadOnlyCollection<State> states, CancellationToken cancellationToken)
    {
        var rows = states.Select(s => new object?[]
        {
            s.Row.CheckId, s.Row.Status.ToString(), s.Row.Reason, s.Row.Since, s.Row.LastResultAt, Streaks(provider, s.Row.Streaks),
            s.Row.LastPingAt, s.Row.LastStartAt, s.Row.Version, s.StoredVersion,
        }).ToList();
        var updated = await provider.UpdateRowsAsync(db, "CheckStates", StateColumns, keyColumns: 1, nameof(CheckState.Version), rows, cancellationToken);
        if (updated != rows.Count)
        {
            throw new DbUpdateConcurrencyException($"{rows.Count - updated} of {rows.Count} check states changed since they were read.");
        }
    }

    // The streaks as EF Core keeps the owned collection (ToJson): an array of objects named by
    // property, statuses by name, instants as the database's model stores them.
    private static DatabaseProvider.JsonText Streaks(DatabaseProvider provider, List<LocationStreak> streaks)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64 + streaks.Count * 128);
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var streak in streaks)
            {
                json.WriteStartObject();
                json.WritePropertyName(nameof(LocationStreak.At));
                provider.WriteJsonInstant(json, streak.At);
                json.WriteNumber(nameof(LocationStreak.Failures), streak.Failures);
                json.WriteString(nameof(LocationStreak.Location), streak.Location);
                json.WriteString(nameof(LocationStreak.Reason), streak.Reason);
                json.WriteString(nameof(LocationStreak.Status), streak.Status.ToString());
                json.WriteNumber(nameof(LocationStreak.Successes), streak.Successes);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return new DatabaseProvider.JsonText(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

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
