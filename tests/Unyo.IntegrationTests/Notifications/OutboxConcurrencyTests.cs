using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Features.Alerts;
using Unyo.Features.Notifications;
using Unyo.Features.Notifications.Outbox;
using Unyo.IntegrationTests.Alerts;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Notifications;

/// The dispatcher running as it does in production: a receiver that hangs keeps only its own
/// send slots, and everyone else's notifications go on being delivered meanwhile.
public sealed class OutboxConcurrencyTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task AReceiverThatHangsHoldsOnlyItsOwnSlotsNotEveryoneElses(string provider)
    {
        var sender = new GatedSender();
        var app = await servers.GetIsolatedAsync(provider, $"outbox-{Guid.NewGuid():N}",
            new Dictionary<string, string> { ["UNYO_NOTIFY_CONCURRENCY"] = "4", ["UNYO_NOTIFY_TIMEOUT"] = "2m" },
            services: s => s.AddSingleton<INotificationSender>(sender));
        using var admin = app.Admin();
        using var anonymous = app.Client();
        var (slowTeam, slowService) = await SloTestKit.CreateServiceAsync(admin);
        var (fastTeam, fastService) = await SloTestKit.CreateServiceAsync(admin);
        sender.SlowChannel = "hangs-" + slowTeam;
        await NotifyKit.ChannelAsync(app, slowTeam, ChannelUse.Paging, sender.SlowChannel);
        await NotifyKit.ChannelAsync(app, fastTeam, ChannelUse.Paging, "answers-" + fastTeam);
        var slowKey = await AlertKit.IntegrationAsync(app, slowService, IntegrationKind.PagerDuty);
        var fastKey = await AlertKit.IntegrationAsync(app, fastService, IntegrationKind.PagerDuty);

        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(slowKey, "stuck"))).EnsureSuccessStatusCode();
        await Until(() => sender.Waiting == 1, "the hanging send to start");
        for (var i = 0; i < 20; i++)
        {
            (await AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(fastKey, $"fast-{i}"))).EnsureSuccessStatusCode();
        }
        await Until(() => sender.Delivered.Count == 20, "the other receiver's 20 notifications");
        var stuck = (await AlertKit.AlertsAsync(app, slowService)).Single();
        var whileHanging = Assert.Single(await NotifyKit.NotificationsAsync(app, stuck.Id));

        sender.Release();
        await Until(() => sender.Delivered.Contains("stuck"), "the hanging send to finish");
        await Until(async () => (await NotifyKit.NotificationsAsync(app, stuck.Id)).Single().Status == NotificationStatus.Delivered, "its record");

        Assert.Equal(NotificationStatus.Pending, whileHanging.Status);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"fast-{i}").Order(), sender.Delivered.Where(k => k != "stuck").Order());
    }

    private static Task Until(Func<bool> done, string what) => Until(() => Task.FromResult(done()), what);

    private static async Task Until(Func<Task<bool>> done, string what)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await done())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"waited 30 s for {what}");
            await Task.Delay(50);
        }
    }

    /// Delivers at once, except to the slow channel, where it waits until released.
    private sealed class GatedSender : INotificationSender
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _waiting;

        public string SlowChannel { get; set; } = "";

        public ConcurrentQueue<string> Delivered { get; } = new();

        public int Waiting => Volatile.Read(ref _waiting);

        public ChannelKind Kind => ChannelKind.Webhook;

        public void Release() => _gate.TrySetResult();

        public async Task<DeliveryOutcome> SendAsync(ChannelTarget channel, NotificationMessage message, CancellationToken cancellationToken)
        {
            if (channel.Name == SlowChannel)
            {
                Interlocked.Increment(ref _waiting);
                await _gate.Task.WaitAsync(cancellationToken);
            }
            Delivered.Enqueue(message.DedupKey);
            return DeliveryOutcome.Delivered(200);
        }
    }
}
