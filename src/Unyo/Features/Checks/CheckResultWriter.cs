using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Maintenance;
using Unyo.Hosting;

namespace Unyo.Features.Checks;

// The write side of checks, one per node: takes what is queued, moves each check's state machine
// on, and stores results, minutes and states (CheckRowWriter) and changes in one transaction. Then it tells observers of
// the changes and feeds SLIs. Another node writing the same check at the same moment makes the
// save fail on the state's version; the batch is then read again and applied once more.
public sealed class CheckResultWriter(
    CheckResultQueue queue,
    CheckRoster roster,
    CheckSliFeed feed,
    MaintenanceCalendar maintenance,
    UnyoSettings settings,
    IServiceScopeFactory scopes,
    ILogger<CheckResultWriter> logger)
{
    public const int MaxBatch = 5_000;
    private const int MaxReasonLength = 1000;

    private readonly SemaphoreSlim _flushing = new(1, 1);
    // Taken from the queue but not yet stored; kept across a failed save and retried first.
    private readonly List<CheckResultRecord> _pending = [];

    // Returns how many results were stored.
    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            while (_pending.Count < MaxBatch && queue.TryTake(out var record))
            {
                _pending.Add(record);
            }
            if (_pending.Count == 0)
            {
                return 0;
            }
            var plans = (await roster.CurrentAsync(cancellationToken)).ById;
            var batch = _pending.Where(r => plans.ContainsKey(r.CheckId)).OrderBy(r => r.At).ToList();
            List<CheckStateChanged> changes = [];
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    changes = await StoreAsync(batch, plans, cancellationToken);
                    break;
                }
                catch (DbUpdateException exception) when (attempt < 5 && (exception is DbUpdateConcurrencyException || DatabaseProvider.IsUniqueViolation(exception)))
                {
                    logger.LogDebug("Check states or minutes changed on another node during a flush; applying the batch again");
                }
            }
            _pending.Clear();
            await feed.FeedAsync(batch.Select(r => (plans[r.CheckId].Name, r)), cancellationToken);
            await TellAsync(changes, cancellationToken);
            return batch.Count;
        }
        finally
        {
            _flushing.Release();
        }
    }

    public async Task<int> FlushAllAsync(CancellationToken cancellationToken)
    {
        var written = 0;
        do
        {
            written += await FlushAsync(cancellationToken);
        }
        while (queue.Count > 0);
        return written;
    }

    private async Task<List<CheckStateChanged>> StoreAsync(List<CheckResultRecord> batch, IReadOnlyDictionary<Guid, CheckPlan> plans, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        var ids = batch.Select(r => r.CheckId).Distinct().ToList();
        var states = (await db.CheckStates.AsNoTracking().Where(s => ids.Contains(s.CheckId)).ToListAsync(cancellationToken))
            .ToDictionary(s => s.CheckId, s => new CheckRowWriter.State(s, s.Version));
        var minutes = await MinutesAsync(db, batch, cancellationToken);
        var timetable = await maintenance.CurrentAsync(cancellationToken);
        var changes = new List<CheckStateChanged>();
        var results = new List<CheckResult>(batch.Count);
        foreach (var record in batch)
        {
            var plan = plans[record.CheckId];
            if (!states.TryGetValue(record.CheckId, out var stored))
            {
                continue;
            }
            var state = stored.Row;
            state.Version++;
            if (record.Result is not { } result)
            {
                state.LastStartAt = record.At;
                continue;
            }
            if (plan.Definition.Type == CheckType.Heartbeat && result.Details?.ContainsKey(HeartbeatPings.PingDetail) == true)
            {
                state.LastPingAt = record.At;
                result = HeartbeatPings.WithDuration(result, state.LastStartAt, record.At, plan.Definition.Heartbeat!.Period);
            }
            var reason = Truncate(result.Reason);
            results.Add(new CheckResult
            {
                CheckId = record.CheckId,
                Location = record.Location,
                At = record.At,
                Outcome = result.Outcome,
                LatencyMs = result.LatencyMs,
                Reason = reason,
                Attempts = result.Attempts,
                Details = result.Details is { Count: > 0 } details ? JsonSerializer.Serialize(details) : null,
            });
            var minute = Telemetry.SliMinute.Of(record.At);
            if (!minutes.TryGetValue((record.CheckId, minute), out var row))
            {
                row = new CheckRowWriter.Minute(new CheckMinute { CheckId = record.CheckId, Minute = minute }, null);
                minutes[(record.CheckId, minute)] = row;
            }
            CheckMinuteMerge.Add(row.Row, result.Outcome, result.LatencyMs);
            if (CheckStateRules.Apply(state, plan.Definition, record.Location, record.At, result) is { } change)
            {
                state.Reason = Truncate(state.Reason);
                // Planned work that holds alerts back marks the change, so alerting stays quiet.
                var planned = timetable.CoversCheck(plan.ServiceId, plan.Name, record.At, out var window) && window.SuppressAlerts;
                db.CheckStateChanges.Add(new CheckStateChange { CheckId = record.CheckId, At = record.At, From = change.From, To = change.To, Reason = state.Reason, InMaintenance = planned });
                changes.Add(new CheckStateChanged(record.CheckId, plan.Name, plan.ServiceId, plan.Definition.Service,
                    change.From, change.To, state.Reason, record.At, planned));
            }
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await CheckRowWriter.WriteAsync(db, settings.Provider, results, minutes.Values, cancellationToken);
        await CheckRowWriter.WriteStatesAsync(db, settings.Provider, states.Values, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changes;
    }

    // The minutes this batch adds to, read once; rows not yet stored are added by the caller.
    private static async Task<Dictionary<(Guid, long), CheckRowWriter.Minute>> MinutesAsync(UnyoDb db, List<CheckResultRecord> batch, CancellationToken cancellationToken)
    {
        var keys = batch.Where(r => r.Result is not null).Select(r => (r.CheckId, Minute: Telemetry.SliMinute.Of(r.At))).ToHashSet();
        if (keys.Count == 0)
        {
            return [];
        }
        var ids = keys.Select(k => k.CheckId).Distinct().ToList();
        var (first, last) = (keys.Min(k => k.Minute), keys.Max(k => k.Minute));
        var rows = await db.CheckMinutes.AsNoTracking().Where(m => ids.Contains(m.CheckId) && m.Minute >= first && m.Minute <= last).ToListAsync(cancellationToken);
        return rows.Where(r => keys.Contains((r.CheckId, r.Minute))).ToDictionary(r => (r.CheckId, r.Minute), r => new CheckRowWriter.Minute(r, r.Version));
    }

    private async Task TellAsync(List<CheckStateChanged> changes, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        foreach (var observer in scope.ServiceProvider.GetServices<ICheckStateObserver>())
        {
            try
            {
                await observer.OnChangedAsync(changes, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "An observer of check state changes failed ({Observer})", observer.GetType().Name);
            }
        }
    }

    private static string? Truncate(string? text) => text is { Length: > MaxReasonLength } ? text[..(MaxReasonLength - 1)] + "…" : text;
}
