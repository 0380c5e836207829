using System.Collections.Concurrent;
using Unyo.Features.Checks.Probes;

namespace Unyo.Features.Checks;

// Starts the runs of one location's checks when they are due: each at its slot in its interval
// (CheckSlots), never two runs of one check at once, at most `concurrency` runs together and
// `perHost` against one host. The server's scheduler and remote probe agents share it.
public sealed class CheckDispatcher(TimeProvider time, ProbeRunner runner, int concurrency, int perHost, ILogger logger)
{
    private readonly Dictionary<Guid, (DateTimeOffset Due, int Revision)> _due = [];
    private readonly ConcurrentDictionary<Guid, bool> _running = new();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _slots = new(concurrency, concurrency);

    public int Running => _running.Count;

    // Forgets every slot (after losing the lease): the next dispatch starts from the schedule.
    public void Reset() => _due.Clear();

    // Starts what is due at `now`; results go to `deliver` (false: nowhere to keep it).
    public void Dispatch(IEnumerable<CheckPlan> plans, string location, DateTimeOffset now, TargetAllowList allowed, Func<CheckResultRecord, bool> deliver, CancellationToken cancellationToken)
    {
        var seen = new HashSet<Guid>();
        foreach (var plan in plans)
        {
            if (!plan.RunsAt(location))
            {
                continue;
            }
            seen.Add(plan.Id);
            var interval = plan.Definition.Interval;
            if (!_due.TryGetValue(plan.Id, out var due) || due.Revision != plan.Revision)
            {
                // A changed check keeps its slot, but its next run comes from its new interval.
                _due[plan.Id] = (CheckSlots.Next(plan.Id, interval, now), plan.Revision);
                continue;
            }
            if (due.Due > now)
            {
                continue;
            }
            _due[plan.Id] = (CheckSlots.Next(plan.Id, interval, now + TimeSpan.FromMilliseconds(1)), plan.Revision);
            if (!_running.TryAdd(plan.Id, true))
            {
                // The previous run is still going (waiting for its host): this one is skipped.
                CheckRunMetrics.Skipped("still_running");
                continue;
            }
            _ = RunAsync(plan, location, due.Due, allowed, deliver, cancellationToken);
        }
        foreach (var gone in _due.Keys.Where(id => !seen.Contains(id)).ToList())
        {
            _due.Remove(gone);
        }
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
