using System.Collections.Concurrent;
using Unyo.Features.Checks.Probes;

namespace Unyo.Features.Checks;

// Starts the runs of one location's checks when they are due: each at its slot in its interval
// (CheckSlots), never two runs of one check at once, at most `concurrency` runs together and
// `perHost` against one host. The server's scheduler and remote probe agents share it.
public sealed class CheckDispatcher(TimeProvider time, ProbeRunner runner, int concurrency, int perHost, ILogger logger)
{
    private readonly Dictionary<Guid, (DateTimeOffset Due, int Revision)> _due = [];
    // The plans of this location by id, and their due times in order: a tick looks at the few
    // that are due, not at every check (10,000 checks four times a second cost 8% of a node's CPU).
    // Entries whose time no longer matches _due are left behind by a change and skipped.
    private readonly Dictionary<Guid, CheckPlan> _plans = [];
    private readonly PriorityQueue<Guid, DateTimeOffset> _order = new();
    private IReadOnlyCollection<CheckPlan>? _known;
    private readonly ConcurrentDictionary<Guid, bool> _running = new();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _slots = new(concurrency, concurrency);

    public int Running => _running.Count;

    // Forgets every slot (after losing the lease): the next dispatch starts from the schedule.
    public void Reset()
    {
        _due.Clear();
        _plans.Clear();
        _order.Clear();
        _known = null;
    }

    // Starts what is due at `now`; results go to `deliver` (false: nowhere to keep it). The same
    // collection as last time is taken to hold the same plans (a roster snapshot, an agent's
    // assignments): only a new one is looked through again.
    public void Dispatch(IReadOnlyCollection<CheckPlan> plans, string location, DateTimeOffset now, TargetAllowList allowed, Func<CheckResultRecord, bool> deliver, CancellationToken cancellationToken)
    {
        var scheduled = ReferenceEquals(plans, _known) ? [] : Schedule(plans, location, now);
        var later = new List<(Guid, DateTimeOffset)>();
        while (_order.TryPeek(out var id, out var due) && due <= now)
        {
            _order.Dequeue();
            if (!_due.TryGetValue(id, out var known) || known.Due != due)
            {
                continue;
            }
            if (scheduled.Contains(id))
            {
                // Just given its slot: it runs from the next tick on.
                later.Add((id, due));
                continue;
            }
            var plan = _plans[id];
            var next = CheckSlots.Next(plan.Id, plan.Definition.Interval, now + TimeSpan.FromMilliseconds(1));
            _due[id] = (next, plan.Revision);
            _order.Enqueue(id, next);
            if (!_running.TryAdd(plan.Id, true))
            {
                // The previous run is still going (waiting for its host): this one is skipped.
                CheckRunMetrics.Skipped("still_running");
                continue;
            }
            _ = RunAsync(plan, location, due, allowed, deliver, cancellationToken);
        }
        _order.EnqueueRange(later);
    }

    // Takes in a new set of plans: a new or changed check keeps its slot, but its next run comes
    // from its new interval; gone ones are forgotten. Returns the ids given a slot now.
    private HashSet<Guid> Schedule(IReadOnlyCollection<CheckPlan> plans, string location, DateTimeOffset now)
    {
        var scheduled = new HashSet<Guid>();
        _plans.Clear();
        foreach (var plan in plans)
        {
            if (!plan.RunsAt(location))
            {
                continue;
            }
            _plans[plan.Id] = plan;
            if (!_due.TryGetValue(plan.Id, out var due) || due.Revision != plan.Revision)
            {
                _due[plan.Id] = (CheckSlots.Next(plan.Id, plan.Definition.Interval, now), plan.Revision);
                scheduled.Add(plan.Id);
            }
        }
        foreach (var gone in _due.Keys.Where(id => !_plans.ContainsKey(id)).ToList())
        {
            _due.Remove(gone);
        }
        _order.Clear();
        _order.EnqueueRange(_due.Select(d => (d.Key, d.Value.Due)));
        _known = plans;
        return scheduled;
    }

    private async Task RunAsync(CheckPlan plan, string location, DateTimeOffset slot, TargetAllowList allowed, Func<CheckResultRecord, bool> deliver, CancellationToken cancellationToken)
    {
        var definition = plan.Definition;
        var host = _hosts.GetOrAdd(definition.Probe!.TargetHost, _ => new SemaphoreSlim(perHost, perHost));
        // A run that cannot start before its next slot is skipped rather than queued behind it.
        var wait = definition.Interval - definition.Timeout * (definition.Retries + 1);
        wait = wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        try
        {
            if (!await _slots.WaitAsync(wait, cancellationToken))
            {
                CheckRunMetrics.Skipped("node_busy");
                return;
            }
            try
            {
                if (!await host.WaitAsync(wait, cancellationToken))
                {
                    CheckRunMetrics.Skipped("host_busy");
                    return;
                }
                try
                {
                    var at = time.GetUtcNow();
                    var result = await runner.RunAsync(definition.Probe, definition.Timeout, definition.Retries, allowed, cancellationToken);
                    CheckRunMetrics.Ran(result.Outcome);
                    if (!deliver(new CheckResultRecord(plan.Id, location, at, result)))
                    {
                        CheckRunMetrics.Skipped("queue_full");
                    }
                }
                finally
                {
                    host.Release();
                }
            }
            finally
            {
                _slots.Release();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Check {Check} failed to run at {Slot}", plan.Name, slot);
        }
        finally
        {
            _running.TryRemove(plan.Id, out _);
        }
    }
}
