using Unyo.Hosting;

namespace Unyo.Features.Slos;

// Evaluates every SLO once a minute, on one node at a time, so each burn alert opens and closes
// once however many nodes run.
public sealed class SloEvaluationWorker(IServiceScopeFactory scopes, TimeProvider time, ILogger<SloEvaluationWorker> logger)
    : LeasedWorker(scopes, time, logger)
{
    private readonly TimeProvider _time = time;

    public override string Name => "slo-evaluation";

    public override TimeSpan Interval => TimeSpan.FromMinutes(1);

    // The holder renews it at every tick and no other node evaluates meanwhile; if the holder
    // dies, another takes over within 90 s.
    protected override TimeSpan LeaseFor => Interval * 1.5;

    protected override async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (await services.GetRequiredService<SloEvaluator>().EvaluateAllAsync(_time.GetUtcNow(), cancellationToken) > 0)
        {
            foreach (var observer in services.GetServices<IBurnAlertObserver>())
            {
                observer.OnBurnAlertsChanged();
            }
        }
    }
}
