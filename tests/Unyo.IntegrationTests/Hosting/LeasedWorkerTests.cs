using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Unyo.Hosting;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Hosting;

/// A run that outlasts its lease keeps it, so no other node starts the same work; a run whose
/// lease another node took anyway stops.
public sealed class LeasedWorkerTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task ARunLongerThanItsLeaseRenewsItAsItGoes(string provider)
    {
        var app = await servers.GetAsync(provider);
        var worker = new SlowWorker(app.Services.GetRequiredService<IServiceScopeFactory>(), $"slow-{Guid.NewGuid():N}", TimeSpan.FromSeconds(1.5));
        var started = TimeProvider.System.GetUtcNow();

        await worker.RunOnceAsync(CancellationToken.None);

        Assert.True(worker.Finished, "the run was cut short");
        // Claimed at the start for 1.5 s; the run took 4 s, so only renewals move the expiry past it.
        var expires = app.WithDb(db => db.Leases.AsNoTracking().Single(l => l.Name == worker.Name).ExpiresAt);
        Assert.True(expires > started + TimeSpan.FromSeconds(3), $"the lease expired at {expires:O}, the run began at {started:O}");
    }

    [Theory, DatabaseData]
    public async Task ARunWhoseLeaseAnotherNodeTookStops(string provider)
    {
        var app = await servers.GetAsync(provider);
        var name = $"taken-{Guid.NewGuid():N}";
        var worker = new SlowWorker(app.Services.GetRequiredService<IServiceScopeFactory>(), name, TimeSpan.FromSeconds(1.5),
            onStart: () => app.WithDb(db => db.Leases.Where(l => l.Name == name)
                .ExecuteUpdate(s => s.SetProperty(l => l.Holder, "another-node").SetProperty(l => l.ExpiresAt, TimeProvider.System.GetUtcNow().AddHours(1)))));

        await worker.RunOnceAsync(CancellationToken.None);

        Assert.False(worker.Finished, "the run went on after another node took its lease");
        Assert.Equal("another-node", app.WithDb(db => db.Leases.AsNoTracking().Single(l => l.Name == name).Holder));
    }

    private sealed class SlowWorker(IServiceScopeFactory scopes, string name, TimeSpan leaseFor, Func<int>? onStart = null)
        : LeasedWorker(scopes, TimeProvider.System, NullLogger.Instance)
    {
        public override string Name => name;

        public override TimeSpan Interval => TimeSpan.FromHours(1);

        protected override TimeSpan LeaseFor => leaseFor;

        public bool Finished { get; private set; }

        protected override async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
        {
            onStart?.Invoke();
            await Task.Delay(TimeSpan.FromSeconds(4), TimeProvider.System, cancellationToken);
            Finished = true;
        }
    }
}
