using Unyo.Hosting;

namespace Unyo.Features.OnCall.Notices;

// Looks for due shift notices and weekly digests once a minute on one node at a time (a lease);
// what is due is judged by the TimeProvider. The unique records make a second node, or a run
// that overlaps an expired lease, harmless. It takes the options so a bad UNYO_ONCALL_NOTICE_LEAD
// stops the start instead of failing every run.
public sealed class ShiftNoticeWorker(IServiceScopeFactory scopes, TimeProvider time, ShiftNoticeOptions options, ILogger<ShiftNoticeWorker> logger)
    : LeasedWorker(scopes, time, logger)
{
    public override string Name => "shift-notices";

    public override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override TimeSpan LeaseFor => TimeSpan.FromMinutes(3);

    protected override async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var notices = services.GetRequiredService<ShiftNotices>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var written = (options.Lead > TimeSpan.Zero ? await notices.SendStartsAsync(now, cancellationToken) : 0) + await notices.SendDigestsAsync(now, cancellationToken);
        if (written > 0)
        {
            services.GetRequiredService<IPersonalNotifier>().OnCommitted();
        }
    }
}
