using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Unyo.Data;
using Unyo.Features.Catalog;
using Unyo.Features.Slos;
using Unyo.Features.Telemetry;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Slos;

/// A server whose clock the test turns (FakeTimeProvider) and whose SLO worker is off, so the
/// test runs each evaluation cycle itself at the instant it chooses.
public sealed class SloClock
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    public static Task<UnyoApp> ServerAsync(Servers servers, string provider, FakeTimeProvider clock) =>
        servers.GetIsolatedAsync(provider, $"slo-clock-{Guid.NewGuid():N}", services: s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            var worker = s.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(SloEvaluationWorker));
            s.Remove(worker);
        });

    /// A team, a service, a native ratio SLI and a 99.9% / 30-day SLO on it.
    public static async Task<Slo> SloAsync(UnyoApp app, FakeTimeProvider clock, string name, double objective = 99.9)
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

    public static List<BurnAlert> Alerts(UnyoApp app, Guid sloId) =>
        app.WithDb(db => db.BurnAlerts.Where(a => a.SloId == sloId).OrderBy(a => a.Id).ToList());
}
