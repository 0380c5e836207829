using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Checks.Probes;
using Unyo.Hosting;

namespace Unyo.Features.Checks;

// Marks heartbeats down when their ping is late: the last ping (or, before the first, when the
// heartbeat was created or resumed) plus the period plus the grace. Pings sent while Unyo was
// down are lost, so a deadline that fell before this node started (or within a grace of it)
// moves to one period after the start: a restart never marks a healthy job down.
public sealed class HeartbeatWatcher(IServiceScopeFactory scopes, TimeProvider clock, CheckRoster roster, CheckResultQueue queue, ILogger<HeartbeatWatcher> logger)
    : LeasedWorker(scopes, clock, logger)
{
    private readonly TimeProvider _time = clock;
    private readonly DateTimeOffset _startedAt = clock.GetUtcNow();

    public override string Name => "heartbeats";

    public override TimeSpan Interval => TimeSpan.FromSeconds(15);

    protected override TimeSpan LeaseFor => TimeSpan.FromSeconds(45);

    protected override async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var plans = (await roster.CurrentAsync(cancellationToken)).ById.Values
            .Where(p => p.Definition.Type == CheckType.Heartbeat && p.Definition.Enabled).ToDictionary(p => p.Id);
        if (plans.Count == 0)
        {
            return;
        }
        var db = services.GetRequiredService<UnyoDb>();
        var ids = plans.Keys.ToList();
        var states = await db.CheckStates.AsNoTracking().Where(s => ids.Contains(s.CheckId) && s.Status != CheckStatus.Down)
            .Select(s => new { s.CheckId, s.LastPingAt, s.Since }).ToListAsync(cancellationToken);
        var now = _time.GetUtcNow();
        foreach (var state in states)
        {
            var plan = plans[state.CheckId];
            var heartbeat = plan.Definition.Heartbeat!;
            var since = state.LastPingAt ?? state.Since;
            var deadline = Deadline(since, heartbeat, _startedAt);
            if (now <= deadline)
            {
                continue;
            }
            var reason = state.LastPingAt is { } last
                ? $"no ping since {last:yyyy-MM-dd HH:mm:ss} UTC (expected every {Durations.Format(heartbeat.Period)}, {Durations.Format(heartbeat.Grace)} grace)"
                : $"no ping yet (expected every {Durations.Format(heartbeat.Period)}, {Durations.Format(heartbeat.Grace)} grace)";
            queue.TryAdd(new CheckResultRecord(plan.Id, CheckDefinition.LocalLocation, now, new ProbeResult(ProbeOutcome.Down, 0, reason, null)));
        }
    }

    public static DateTimeOffset Deadline(DateTimeOffset since, HeartbeatSettings heartbeat, DateTimeOffset startedAt)
    {
        var deadline = since + heartbeat.Period + heartbeat.Grace;
        return deadline < startedAt + heartbeat.Grace ? startedAt + heartbeat.Period + heartbeat.Grace : deadline;
    }
}
