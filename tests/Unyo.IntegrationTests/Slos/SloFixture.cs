using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Unyo.Data;
using Unyo.Features.Catalog;
using Unyo.Features.Slos;
using Unyo.Features.Slos.Sla;
using Unyo.Features.Telemetry;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Slos;

/// A server whose clock the test turns (FakeTimeProvider) and whose SLO workers are off, so the
/// test runs each evaluation cycle (and each count of SLO months) itself at the instant it chooses.
/// Tests write minute buckets themselves (TrafficAsync), so the ingest worker is off too.
public sealed class SloClock
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static readonly Type[] Stopped = [typeof(SloEvaluationWorker), typeof(SloMonthWorker), typeof(Unyo.Features.Telemetry.Ingest.SliIngestWorker)];

    public static Task<UnyoApp> ServerAsync(Servers servers, string provider, FakeTimeProvider clock) =>
        servers.GetIsolatedAsync(provider, $"slo-clock-{Guid.NewGuid():N}", services: s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            foreach (var worker in s.Where(d => d.ServiceType == typeof(IHostedService) && Stopped.Contains(d.ImplementationType!)).ToList())
            {
                s.Remove(worker);
            }
        });

    /// A team, a service, a native ratio SLI and a 99.9% / 30-day SLO on it (`configure` changes the SLO before it is saved).
    public static async Task<Slo> SloAsync(UnyoApp app, FakeTimeProvider clock, string name, double objective = 99.9, Action<Slo>? configure = null)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        var now = clock.GetUtcNow();
        var team = new Unyo.Features.Accounts.Team { Id = Guid.NewGuid(), Name = $"{name}-team", DisplayName = name, CreatedAt = now, UpdatedAt = now };
        var service = new Service { Id = Guid.NewGuid(), Name = $"{name}-svc", DisplayName = name, TeamId = team.Id, Tier = 1, CreatedAt = now, UpdatedAt = now };
        var sli = new Sli { Id = Guid.NewGuid(), Name = $"{name}-sli", ServiceId = service.Id, Kind = SliKind.Ratio, Source = SliSource.Native, CreatedAt = now, UpdatedAt = now };
        var slo = new Slo
        {
            Id = Guid.NewGuid(), Name = name, DisplayName = name, ServiceId = service.Id, SliId = sli.Id,
            ObjectivePercent = objective, RollingDays = 30, Budgeting = BudgetingMethod.Occurrences, CreatedAt = now, UpdatedAt = now,
        };
        configure?.Invoke(slo);
        db.AddRange(team, service, sli, slo);
        await db.SaveChangesAsync();
        return slo;
    }

    /// Minute buckets as ingest writes them: `perMinute` events each minute, `errorRatio` of them bad.
    public static async Task TrafficAsync(UnyoApp app, Guid sliId, DateTimeOffset from, int minutes, double errorRatio, int perMinute = 1000)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        var bad = (long)Math.Round(perMinute * errorRatio);
        for (var i = 0; i < minutes; i++)
        {
            db.SliMinutes.Add(new SliMinute { SliId = sliId, Minute = SliMinute.Of(from.AddMinutes(i)), Good = perMinute - bad, Total = perMinute });
        }
        await db.SaveChangesAsync();
    }

    public static async Task EvaluateAsync(UnyoApp app, DateTimeOffset at)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<SloEvaluator>().EvaluateAllAsync(at, CancellationToken.None);
    }

    /// Counts SLO months as the month worker would at `at`.
    public static async Task<int> CountMonthsAsync(UnyoApp app, DateTimeOffset at)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SloMonthRefresher>().RefreshAsync(at, TimeSpan.FromMinutes(10), CancellationToken.None);
    }

    public static List<BurnAlert> Alerts(UnyoApp app, Guid sloId) =>
        app.WithDb(db => db.BurnAlerts.Where(a => a.SloId == sloId).OrderBy(a => a.Id).ToList());
}
