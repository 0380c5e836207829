using System.Collections.Concurrent;
using Unyo.Features.Checks.Probes;
using Unyo.Hosting;

namespace Unyo.Features.Checks;

// Runs the checks of the local location on the node that holds the "checks-local" lease: each
// at its slot in its interval (CheckSlots), never two runs of one check at once, at most
// CheckOptions.Concurrency runs on the node and PerHostConcurrency against one host. Results go
// to the queue; the result writer does the rest.
public sealed class CheckScheduler(
    IServiceScopeFactory scopes,
    TimeProvider time,
    CheckRoster roster,
    CheckTargets targets,
    CheckResultQueue queue,
    ProbeRunner runner,
    CheckOptions options,
    ILogger<CheckScheduler> logger) : BackgroundService
{
    public const string LeaseName = "checks-local";
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LeaseFor = TimeSpan.FromSeconds(30);

    private readonly Dictionary<Guid, (DateTimeOffset Due, int Revision)> _due = [];
    private readonly ConcurrentDictionary<Guid, bool> _running = new();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _slots = new(options.Concurrency, options.Concurrency);
    private DateTimeOffset _leaseUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _claimedAt = DateTimeOffset.MinValue;

    public int Running => _running.Count;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.RunLocal)
        {
            return;
        }
        using var timer = new PeriodicTimer(Tick, time);
        do
        {
            try
            {
                await TickAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                WorkerMetrics.Failed(LeaseName);
                logger.LogError(exception, "The check scheduler failed a tick; trying again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task TickAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!await HoldsLeaseAsync(now, cancellationToken))
        {
            _due.Clear();
            return;
        }
        var plans = (await roster.CurrentAsync(cancellationToken)).ById;
        foreach (var id in _due.Keys.Where(id => !plans.TryGetValue(id, out var plan) || !plan.RunsAt(CheckDefinition.LocalLocation)).ToList())
        {
            _due.Remove(id);
        }
        TargetAllowList? allowed = null;
        foreach (var plan in plans.Values)
        {
            if (!plan.RunsAt(CheckDefinition.LocalLocation))
            {
                continue;
            }
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
            allowed ??= await targets.AllowListAsync(cancellationToken);
            _ = RunAsync(plan, due.Due, allowed, cancellationToken);
        }
    }

    private async Task RunAsync(CheckPlan plan, DateTimeOffset slot, TargetAllowList allowed, CancellationToken cancellationToken)
    {
        var definition = plan.Definition;
        var host = _hosts.GetOrAdd(definition.Probe!.TargetHost, _ => new SemaphoreSlim(options.PerHostConcurrency, options.PerHostConcurrency));
        try
        {
            // A run that cannot start before its next slot is skipped rather than queued behind it.
            var wait = definition.Interval - definition.Timeout * (definition.Retries + 1);
            if (!await _slots.WaitAsync(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, cancellationToken))
            {
                CheckRunMetrics.Skipped("node_busy");
                return;
            }
            try
            {
                if (!await host.WaitAsync(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, cancellationToken))
                {
                    CheckRunMetrics.Skipped("host_busy");
                    return;
                }
                try
                {
                    var at = time.GetUtcNow();
                    var result = await runner.RunAsync(definition.Probe, definition.Timeout, definition.Retries, allowed, cancellationToken);
                    CheckRunMetrics.Ran(result.Outcome);
                    if (!queue.TryAdd(new CheckResultRecord(plan.Id, CheckDefinition.LocalLocation, at, result)))
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
            // The node is stopping.
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

    // Claims (and renews) the lease every third of its length; between claims the node trusts it.
    private async Task<bool> HoldsLeaseAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (now - _claimedAt < LeaseFor / 3 && now < _leaseUntil)
        {
            return true;
        }
        await using var scope = scopes.CreateAsyncScope();
        var held = await scope.ServiceProvider.GetRequiredService<LeaseClaims>().TryClaimAsync(LeaseName, LeaseFor, cancellationToken);
        _claimedAt = now;
        _leaseUntil = held ? now + LeaseFor : DateTimeOffset.MinValue;
        return held;
    }
}
