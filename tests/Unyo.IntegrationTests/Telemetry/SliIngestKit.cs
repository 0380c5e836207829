using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Unyo.Data;
using Unyo.Features.Catalog;
using Unyo.Features.Telemetry;
using Unyo.Features.Telemetry.Ingest;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Telemetry;

/// Servers for ingest tests: a clock the test holds (FakeTimeProvider at Now) and, unless asked,
/// no ingest worker, so the test decides when the writer flushes (FlushAsync) and never sleeps.
public static class SliIngestKit
{
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 30, TimeSpan.Zero);

    public static Task<UnyoApp> ServerAsync(Servers servers, string provider, string purpose, IReadOnlyDictionary<string, string>? settings = null, bool worker = false) =>
        servers.GetIsolatedAsync(provider, $"sli-ingest-{purpose}", settings, services: s =>
        {
            s.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
            if (!worker)
            {
                s.Remove(s.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(SliIngestWorker)));
            }
        });

    /// A team, a service and a native SLI on it, written to the database directly.
    public static async Task<Sli> SliAsync(UnyoApp app, SliKind kind = SliKind.Ratio, int? thresholdMs = null)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        var name = Names.Unique("sli");
        var team = new Unyo.Features.Accounts.Team { Id = Guid.NewGuid(), Name = $"{name}-team", DisplayName = name, CreatedAt = Now, UpdatedAt = Now };
        var service = new Service { Id = Guid.NewGuid(), Name = $"{name}-svc", DisplayName = name, TeamId = team.Id, Tier = 1, CreatedAt = Now, UpdatedAt = Now };
        var sli = new Sli { Id = Guid.NewGuid(), Name = name, ServiceId = service.Id, Kind = kind, LatencyThresholdMs = thresholdMs, Source = SliSource.Native, CreatedAt = Now, UpdatedAt = Now };
        db.AddRange(team, service, sli);
        await db.SaveChangesAsync();
        return sli;
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string json) =>
        client.PostAsync("api/v1/sli-events", new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")));

    /// {"events":[…]} from the items given as JSON objects.
    public static string Body(params string[] events) => $$"""{"events":[{{string.Join(",", events)}}]}""";

    public static Task<int> FlushAsync(UnyoApp app) => app.Services.GetRequiredService<SliMinuteWriter>().FlushAllAsync(CancellationToken.None);

    /// minute start (UTC) → (good, total) of one SLI.
    public static Dictionary<DateTimeOffset, (long Good, long Total)> Minutes(UnyoApp app, Guid sliId) =>
        app.WithDb(db => db.SliMinutes.Where(m => m.SliId == sliId).ToList())
            .ToDictionary(m => SliMinute.Start(m.Minute), m => (m.Good, m.Total));
}
