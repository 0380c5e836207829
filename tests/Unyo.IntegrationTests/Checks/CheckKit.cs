using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Unyo.Client;
using Unyo.Features.Checks;
using Unyo.Features.Slos;
using Unyo.Features.Slos.Sla;
using Unyo.Features.Telemetry.Ingest;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Checks;

/// Servers for check tests: a clock the test holds and no background workers, so the test
/// decides when the scheduler ticks, when results are written and when SLOs are evaluated.
public static class CheckKit
{
    public static readonly DateTimeOffset Start = new(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);

    private static readonly Type[] Stopped =
    [
        typeof(CheckResultWorker), typeof(HeartbeatWatcher), typeof(SloEvaluationWorker), typeof(SloMonthWorker), typeof(SliIngestWorker),
    ];

    public static Task<UnyoApp> ServerAsync(Servers servers, string provider, FakeTimeProvider clock, ICheckStateObserver? observer = null) =>
        servers.GetIsolatedAsync(provider, $"checks-{Guid.NewGuid():N}", new Dictionary<string, string> { ["UNYO_CHECKS_RUN_LOCAL"] = "false" }, services: s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            if (observer is not null)
            {
                s.AddSingleton(observer);
            }
            foreach (var worker in s.Where(d => d.ServiceType == typeof(IHostedService) && Stopped.Contains(d.ImplementationType!)).ToList())
            {
                s.Remove(worker);
            }
        });

    /// Lets checks probe 127.0.0.1, where the tests' targets listen.
    public static async Task AllowLoopbackAsync(HttpClient admin) =>
        (await admin.PutAsJsonAsync("api/v1/check-settings", new CheckSettingsRequest { AllowedTargets = ["127.0.0.1"] }, HttpAssertions.Json)).EnsureSuccessStatusCode();

    /// Moves the clock one interval on and runs every local check that is due, as the scheduler
    /// would; waits for their results and writes them.
    public static async Task RunIntervalAsync(UnyoApp app, FakeTimeProvider clock, TimeSpan interval, int expectedRuns = 1)
    {
        var scheduler = app.Services.GetRequiredService<CheckScheduler>();
        var queue = app.Services.GetRequiredService<CheckResultQueue>();
        await scheduler.TickAsync(CancellationToken.None);
        clock.Advance(interval);
        var before = queue.Count;
        await scheduler.TickAsync(CancellationToken.None);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (queue.Count < before + expectedRuns || scheduler.Running > 0)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException($"expected {expectedRuns} check results; {queue.Count - before} arrived");
            }
            await Task.Delay(20);
        }
        await FlushAsync(app);
    }

    /// Writes queued results, then the SLI events they fed.
    public static async Task<int> FlushAsync(UnyoApp app)
    {
        var written = await app.Services.GetRequiredService<CheckResultWriter>().FlushAllAsync(CancellationToken.None);
        await app.Services.GetRequiredService<SliMinuteWriter>().FlushAllAsync(CancellationToken.None);
        return written;
    }

    public static async Task<CheckResponse> GetAsync(HttpClient client, string name) =>
        await (await client.GetAsync($"api/v1/checks/{name}")).ReadAsync<CheckResponse>(System.Net.HttpStatusCode.OK);

    public static async Task<(string Team, string Service)> ServiceAsync(HttpClient admin)
    {
        var team = Names.Unique("team");
        (await admin.PostJsonAsync("api/v1/teams", new TeamRequest { Name = team })).EnsureSuccessStatusCode();
        var service = Names.Unique("svc");
        (await admin.PostJsonAsync("api/v1/services", new ServiceRequest { Name = service, Team = team })).EnsureSuccessStatusCode();
        return (team, service);
    }
}
