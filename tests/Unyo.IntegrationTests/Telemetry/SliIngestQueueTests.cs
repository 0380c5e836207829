using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Unyo.Data;
using Unyo.Features.Telemetry.Ingest;
using Unyo.Hosting;
using Unyo.IntegrationTests.Infrastructure;
using static Unyo.IntegrationTests.Telemetry.SliIngestKit;

namespace Unyo.IntegrationTests.Telemetry;

/// The write side: back-pressure when the queue is full, exact sums under concurrent senders and
/// concurrent writers (as several nodes are), and what is queued is written on shutdown.
public sealed class SliIngestQueueTests(Servers servers)
{
    private static readonly DateTimeOffset Ten = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    [Theory, DatabaseData]
    public async Task AFullQueueAnswers429WithRetryAfterAndCountsNothingOfThatBatch(string provider)
    {
        var app = await ServerAsync(servers, provider, "tiny-queue", new Dictionary<string, string> { ["UNYO_SLI_INGEST_QUEUE"] = "2" });
        var sli = await SliAsync(app);
        var body = Body($$"""{"sli":"{{sli.Name}}","timestamp":"2026-03-02T10:00:00Z","ok":true}""");

        var first = await PostAsync(app.Admin(), body);
        var second = await PostAsync(app.Admin(), body);
        var refused = await PostAsync(app.Admin(), body);
        await FlushAsync(app);
        var afterFlush = await PostAsync(app.Admin(), body);
        await FlushAsync(app);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("1", refused.Headers.RetryAfter?.ToString());
        Assert.Equal(HttpStatusCode.Accepted, afterFlush.StatusCode);
        Assert.Equal((3, 3), Minutes(app, sli.Id)[Ten]);
        var metrics = await app.Client().GetStringAsync("metrics");
        Assert.Contains("unyo_sli_ingest_refused_total{reason=\"queue_full\"}", metrics);
        Assert.Contains("unyo_sli_rows_upserted_total", metrics);
        Assert.Contains("unyo_sli_ingest_queue_depth", metrics);
        Assert.Contains("unyo_sli_flush_duration_seconds_count", metrics);
        Assert.Contains("unyo_sli_events_accepted_total", metrics);
    }

    [Theory, DatabaseData]
    public async Task ConcurrentSendersAndFlushesAddUpExactly(string provider)
    {
        var app = await ServerAsync(servers, provider, "clock");
        var sli = await SliAsync(app);
        var events = Enumerable.Range(0, 500).Select(i => $$"""{"sli":"{{sli.Name}}","timestamp":"2026-03-02T10:00:{{i % 60:00}}Z","ok":{{(i % 5 == 0 ? "false" : "true")}}}""");
        var body = Body([.. events]);
        using var stop = new CancellationTokenSource();
        var flusher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await FlushAsync(app);
            }
        });

        var senders = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            using var client = app.Admin();
            for (var i = 0; i < 20; i++)
            {
                var response = await PostAsync(client, body);
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            }
        }));
        await Task.WhenAll(senders);
        await stop.CancelAsync();
        await flusher;
        await FlushAsync(app);

        Assert.Equal((64_000, 80_000), Minutes(app, sli.Id)[Ten]);
    }

    [Theory, DatabaseData]
    public async Task WritersOnSeveralNodesAddToTheSameRowsExactly(string provider)
    {
        var app = await ServerAsync(servers, provider, "clock");
        var sli = await SliAsync(app);
        var settings = app.Services.GetRequiredService<UnyoSettings>();
        // Each "node" adds one to every good and two to every total of the same 50 minutes, in its own order.
        var rows = Enumerable.Range(0, 50).Select(m => new CounterDelta(sli.Id, Features.Telemetry.SliMinute.Of(Ten) - m, 1, 2)).ToList();

        await Task.WhenAll(Enumerable.Range(0, 6).Select(node => Task.Run(async () =>
        {
            for (var flush = 0; flush < 10; flush++)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var ordered = node % 2 == 0 ? rows : Enumerable.Reverse(rows).ToList();
                Assert.Equal(50, await settings.Provider.AddCountersAsync(scope.ServiceProvider.GetRequiredService<UnyoDb>(), SliMinuteWriter.Table, ordered, CancellationToken.None));
            }
        })));

        var minutes = Minutes(app, sli.Id);
        Assert.Equal(50, minutes.Count);
        Assert.All(minutes.Values, m => Assert.Equal((60L, 120L), m));
    }

    [Theory, DatabaseData]
    public async Task RowsOfAnSliDeletedMeanwhileAreSkippedNotFatal(string provider)
    {
        var app = await ServerAsync(servers, provider, "clock");
        var kept = await SliAsync(app);
        var deleted = await SliAsync(app);
        var writer = app.Services.GetRequiredService<SliMinuteWriter>();
        var minute = Features.Telemetry.SliMinute.Of(Ten);

        Assert.True(writer.TryEnqueue([new CounterDelta(kept.Id, minute, 1, 1), new CounterDelta(deleted.Id, minute, 1, 1)]));
        app.WithDb(db => db.Slis.Where(s => s.Id == deleted.Id).ExecuteDelete());
        var written = await FlushAsync(app);

        Assert.Equal(1, written);
        Assert.Equal((1, 1), Minutes(app, kept.Id)[Ten]);
    }

    [Theory, DatabaseData]
    public async Task StoppingTheNodeWritesWhatIsQueued(string provider)
    {
        var app = await ServerAsync(servers, provider, $"stop-{Guid.NewGuid():N}", worker: true);
        var sli = await SliAsync(app);
        var body = Body($$"""{"sli":"{{sli.Name}}","timestamp":"2026-03-02T10:00:00Z","good":4,"total":5}""");
        (await PostAsync(app.Admin(), body)).EnsureSuccessStatusCode();
        // The fake clock never ticks: only the stop writes it.
        Assert.Empty(Minutes(app, sli.Id));

        var worker = app.Services.GetServices<IHostedService>().OfType<SliIngestWorker>().Single();
        await worker.StopAsync(CancellationToken.None);
        var afterStop = await PostAsync(app.Admin(), body);

        Assert.Equal((4, 5), Minutes(app, sli.Id)[Ten]);
        await afterStop.ProblemAsync(HttpStatusCode.TooManyRequests);
    }
}
