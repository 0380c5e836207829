using Unyo.Features.OnCall.Notices;
using Unyo.Hosting;

namespace Unyo.Features.Postmortems;

// Looks for the week's due digest of overdue action items every five minutes, on one node at a
// time (a lease); the unique digest rows make an overlapping run harmless.
public sealed class ActionItemDigestWorker(IServiceScopeFactory scopes, TimeProvider time, ILogger<ActionItemDigestWorker> logger)
    : LeasedWorker(scopes, time, logger)
{
    public override string Name => "action-item-digests";

    public override TimeSpan Interval => TimeSpan.FromMinutes(5);

    protected override TimeSpan LeaseFor => TimeSpan.FromMinutes(10);

    protected override async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (await services.GetRequiredService<ActionItemDigests>().SendAsync(now, cancellationToken) > 0)
        {
            services.GetRequiredService<IPersonalNotifier>().OnCommitted();
        }
    }
}
