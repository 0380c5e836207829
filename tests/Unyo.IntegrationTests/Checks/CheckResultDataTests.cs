using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Checks;
using Unyo.Features.Checks.Probes;
using Unyo.Features.Telemetry;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Checks;

// What stored results become: SLI events (a latency SLI counts a result good when it was not down
// and took at most the threshold; a ratio SLI when it was not down), minutes with exact
// percentiles across flushes, and history that housekeeping trims to its retention.
public sealed class CheckResultDataTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task ALatencySliOverACheckCountsResultsWithinItsThresholdThatWereNotDownAsGood(string provider)
    {
        var clock = new FakeTimeProvider(CheckKit.Start);
        var app = await CheckKit.ServerAsync(servers, provider, clock);
        using var admin = app.Admin();
        var (service, check) = await CheckAsync(admin);
        (await admin.PostJsonAsync("api/v1/slis", new SliRequest { Name = $"{check}-latency", Service = service, Kind = "latency", LatencyThresholdMs = 300, Source = "check", Check = check })).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync("api/v1/slis", new SliRequest { Name = $"{check}-availability", Service = service, Source = "check", Check = check })).EnsureSuccessStatusCode();
        var checkId = app.WithDb(db => db.Checks.Single(c => c.Name == check).Id);
        var queue = app.Services.GetRequiredService<CheckResultQueue>();
        var minute = CheckKit.Start.AddMinutes(1);
        var version = app.WithDb(db => db.CheckStates.Single(s => s.CheckId == checkId).Version);

        // Two flushes into one minute (the second adds to a stored row), then one into the next.
        Add(queue, checkId, minute.AddSeconds(5), ProbeOutcome.Up, 120);
        Add(queue, checkId, minute.AddSeconds(10), ProbeOutcome.Up, 301);
        Add(queue, checkId, minute.AddSeconds(15), ProbeOutcome.Degraded, 300);
        Assert.Equal(3, await CheckKit.FlushAsync(app));
        Add(queue, checkId, minute.AddSeconds(20), ProbeOutcome.Down, 40, "connection refused");
        Add(queue, checkId, minute.AddSeconds(25), ProbeOutcome.Up, 80);
        Add(queue, checkId, minute.AddSeconds(65), ProbeOutcome.Up, 900);
        Assert.Equal(3, await CheckKit.FlushAsync(app));
        clock.Advance(TimeSpan.FromMinutes(5));

        var latency = Buckets(app, $"{check}-latency");
        var availability = Buckets(app, $"{check}-availability");
        var first = SliMinute.Of(minute);
        // 120, 300 (degraded, in time), 80 good; 301 too slow, 40 down; next minute 900 too slow.
        Assert.Equal([(first, 3L, 5L), (first + 1, 0L, 1L)], latency);
        Assert.Equal([(first, 4L, 5L), (first + 1, 1L, 1L)], availability);
        var minutes = await (await admin.GetAsync($"api/v1/checks/{check}/minutes?from={Uri.EscapeDataString(minute.ToString("O"))}")).ReadAsync<List<CheckMinuteResponse>>(HttpStatusCode.OK);
        Assert.Equal(
            [(minute, 5, 3, 1, 1, 120, 301, 301, 301), (minute.AddMinutes(1), 1, 1, 0, 0, 900, 900, 900, 900)],
            minutes.OrderBy(m => m.Minute).Select(m => (m.Minute, m.Runs, m.Up, m.Degraded, m.Down, m.P50Ms, m.P95Ms, m.P99Ms, m.MaxMs)));
        var results = await (await admin.GetAsync($"api/v1/checks/{check}/results?limit=3")).ReadAsync<List<CheckResultResponse>>(HttpStatusCode.OK);
        Assert.Equal(["up 900", "up 80", "down 40"], results.Select(r => $"{r.Outcome} {r.LatencyMs}"));
        Assert.Equal("connection refused", results[2].Reason);
        Assert.Equal("40", results[2].Details!["probe"]);
        // The state as written, read back through the model: one step per result.
        var state = app.WithDb(db => db.CheckStates.AsNoTracking().Single(s => s.CheckId == checkId));
        var streak = Assert.Single(state.Streaks);
        Assert.Equal((version + 6, minute.AddSeconds(65), CheckStatus.Up), (state.Version, state.LastResultAt, state.Status));
        Assert.Equal(("local", CheckStatus.Up, 0, minute.AddSeconds(65)), (streak.Location, streak.Status, streak.Failures, streak.At));
        Assert.True(streak.Successes > 0);
    }

    [Theory, DatabaseData]
    public async Task HousekeepingKeepsTheNewestRawResultsOfEachCheckAndTheMinutesOfItsRetention(string provider)
    {
        var clock = new FakeTimeProvider(CheckKit.Start);
        var app = await CheckKit.ServerAsync(servers, provider, clock);
        using var admin = app.Admin();
        var (_, busy) = await CheckAsync(admin);
        var (_, quiet) = await CheckAsync(admin);
        var (busyId, quietId) = app.WithDb(db => (db.Checks.Single(c => c.Name == busy).Id, db.Checks.Single(c => c.Name == quiet).Id));
        var now = CheckKit.Start;
        app.WithDb(db =>
        {
            // Interleaved, so ids of the two checks mix; the busy one has 15, the quiet one 4.
            for (var i = 0; i < 15; i++)
            {
                db.CheckResults.Add(Result(busyId, now.AddMinutes(i - 30)));
                if (i < 4)
                {
                    db.CheckResults.Add(Result(quietId, now.AddMinutes(i - 30)));
                }
                db.SaveChanges();
            }
            foreach (var age in new[] { TimeSpan.FromDays(3), TimeSpan.FromDays(2).Add(TimeSpan.FromMinutes(1)), TimeSpan.FromDays(2).Subtract(TimeSpan.FromMinutes(1)), TimeSpan.Zero })
            {
                db.CheckMinutes.Add(new CheckMinute { CheckId = busyId, Minute = SliMinute.Of(now - age), Up = 1 });
            }
            return db.SaveChanges();
        });
        var options = app.Services.GetRequiredService<CheckOptions>() with { RawResults = 10, MinuteDays = 2 };

        int forgotten;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            forgotten = await new ForgetOldCheckResults(scope.ServiceProvider.GetRequiredService<UnyoDb>(), options, clock).RunAsync(CancellationToken.None);
        }

        // Five raw results of the busy check and two of the four minutes.
        Assert.Equal(7, forgotten);
        var kept = app.WithDb(db => db.CheckResults.AsNoTracking().ToList());
        Assert.Equal(Enumerable.Range(5, 10).Select(i => now.AddMinutes(i - 30)), kept.Where(r => r.CheckId == busyId).OrderBy(r => r.Id).Select(r => r.At));
        Assert.Equal(4, kept.Count(r => r.CheckId == quietId));
        Assert.Equal(
            [SliMinute.Of(now - TimeSpan.FromDays(2).Subtract(TimeSpan.FromMinutes(1))), SliMinute.Of(now)],
            app.WithDb(db => db.CheckMinutes.Where(m => m.CheckId == busyId).OrderBy(m => m.Minute).Select(m => m.Minute).ToList()));
    }

    [Theory, DatabaseData]
    public async Task AMinuteAnotherWriterStoredOrChangedSinceItWasReadFailsTheWholeWriteAsAConflict(string provider)
    {
        var clock = new FakeTimeProvider(CheckKit.Start);
        var app = await CheckKit.ServerAsync(servers, provider, clock);
        using var admin = app.Admin();
        var (_, check) = await CheckAsync(admin);
        var checkId = app.WithDb(db => db.Checks.Single(c => c.Name == check).Id);
        var minute = SliMinute.Of(CheckKit.Start);
        app.WithDb(db =>
        {
            db.CheckMinutes.Add(new CheckMinute { CheckId = checkId, Minute = minute, Up = 1, LatenciesMs = [10], Version = 3 });
            return db.SaveChanges();
        });
        var settings = app.Services.GetRequiredService<Unyo.Hosting.UnyoSettings>();
        var result = Result(checkId, CheckKit.Start);

        async Task<Exception?> WriteAsync(CheckRowWriter.Minute row)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var failed = await Record.ExceptionAsync(() => CheckRowWriter.WriteAsync(db, settings.Provider, [result], [row], CancellationToken.None));
            if (failed is null)
            {
                await transaction.CommitAsync();
            }
            return failed;
        }

        // Read at version 2 (stale), and as new (another writer stored it first): both refused,
        // and the result written beside them goes too. Read at version 3: written.
        var stale = await WriteAsync(new(new CheckMinute { CheckId = checkId, Minute = minute, Up = 2, LatenciesMs = [10, 20], Version = 3 }, 2));
        var duplicate = await WriteAsync(new(new CheckMinute { CheckId = checkId, Minute = minute, Up = 1, LatenciesMs = [20], Version = 1 }, null));
        Assert.Empty(app.WithDb(db => db.CheckResults.Where(r => r.CheckId == checkId).ToList()));
        var current = await WriteAsync(new(new CheckMinute { CheckId = checkId, Minute = minute, Up = 2, LatenciesMs = [10, 20], P50Ms = 10, MaxMs = 20, Version = 4 }, 3));

        Assert.IsType<DbUpdateConcurrencyException>(stale);
        Assert.True(DatabaseProvider.IsUniqueViolation(Assert.IsType<DbUpdateException>(duplicate)), duplicate.ToString());
        Assert.Null(current);
        var stored = app.WithDb(db => db.CheckMinutes.AsNoTracking().Single(m => m.CheckId == checkId));
        Assert.Equal((2, 4, 10, 20, "10,20"), (stored.Up, stored.Version, stored.P50Ms, stored.MaxMs, string.Join(",", stored.LatenciesMs)));
        Assert.Equal(CheckKit.Start, app.WithDb(db => db.CheckResults.Single(r => r.CheckId == checkId)).At);
    }

    private static async Task<(string Service, string Check)> CheckAsync(HttpClient admin)
    {
        await CheckKit.AllowLoopbackAsync(admin);
        var (_, service) = await CheckKit.ServiceAsync(admin);
        var check = Names.Unique("api");
        (await admin.PostJsonAsync("api/v1/checks", new CheckRequest
        {
            Name = check, Service = service, Type = "http", Interval = "30s", Http = new HttpCheckRequest { Url = "http://127.0.0.1:9/" },
        })).EnsureSuccessStatusCode();
        return (service, check);
    }

    private static void Add(CheckResultQueue queue, Guid checkId, DateTimeOffset at, ProbeOutcome outcome, int latencyMs, string? reason = null) =>
        Assert.True(queue.TryAdd(new CheckResultRecord(checkId, "local", at, new ProbeResult(outcome, latencyMs, reason, new Dictionary<string, string> { ["probe"] = $"{latencyMs}" }))));

    private static CheckResult Result(Guid checkId, DateTimeOffset at) =>
        new() { CheckId = checkId, Location = "local", At = at, Outcome = ProbeOutcome.Up, LatencyMs = 10, Attempts = 1 };

    private static List<(long Minute, long Good, long Total)> Buckets(UnyoApp app, string sli) =>
        app.WithDb(db => db.SliMinutes.Where(m => m.SliId == db.Slis.Single(s => s.Name == sli).Id).OrderBy(m => m.Minute).ToList())
            .Select(m => (m.Minute, m.Good, m.Total)).ToList();
}
