using Unyo.Data;
using Unyo.Features.Telemetry.Ingest;
using Unyo.Hosting;

namespace Unyo.Features.Telemetry.PrometheusSource;

// What one read of one SLI did: the minutes it wrote, those that failed, those given up.
public sealed record PrometheusReadResult(MinuteSpan Span, int Written, int Failed, int GivenUp, DateTimeOffset ReadThrough, string? Error);

// Reads one prometheus SLI: every complete minute since it last read (ReadThrough), written over
// whatever those minutes held, so reading a minute twice never counts it twice. A minute that
// fails is not written and is read again next cycle, until it falls behind the late horizon;
// then it is given up, said so, and reading moves on.
public sealed class PrometheusSliReader(
    UnyoDb db, UnyoSettings settings, SliSourceHealth health, PrometheusApi api, PrometheusSourceOptions options,
    SliIngestOptions ingest, SliRetention retention, ILogger<PrometheusSliReader> logger)
{
    public async Task<PrometheusReadResult?> ReadAsync(Sli sli, PrometheusQueries queries, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var status = await health.GetAsync(sli.Id, cancellationToken);
        var span = MinuteSpan.ToRead(now, status?.ReadThrough, options.Backfill, options.Delay, retention.Keep);
        if (span.Count == 0)
        {
            return null;
        }
        var reads = new List<MinuteRead>(span.Count);
        foreach (var chunk in span.Chunks(PrometheusSourceOptions.MaxPointsPerQuery))
        {
            var minutes = await ReadChunkAsync(queries, chunk, cancellationToken);
            reads.AddRange(minutes);
            // An engine that fails a whole query would fail the next chunk too: stop asking.
            if (minutes.Any(m => m.QueryFailed))
            {
                break;
            }
        }
        var rows = reads.Where(r => r.Ok).Select(r => new CounterDelta(sli.Id, r.Minute, r.Good, r.Total)).ToList();
        await settings.Provider.SetCountersAsync(db, SliMinuteWriter.Table, rows, cancellationToken);

        // Read through the first minute that failed and may still be retried.
        var horizon = SliMinute.Of(now - ingest.LateHorizon);
        var through = span.First;
        var givenUp = new List<MinuteRead>();
        foreach (var read in reads)
        {
            if (!read.Ok && read.Minute >= horizon)
            {
                break;
            }
            if (!read.Ok)
            {
                givenUp.Add(read);
            }
            through = read.Minute + 1;
        }
        var failed = reads.Where(r => !r.Ok).ToList();
        var error = Describe(failed, givenUp, horizon);
        var readThrough = SliMinute.Start(through);
        await health.RecordReadAsync(sli.Id, readThrough, error, cancellationToken);
        PrometheusSourceMetrics.Read(rows.Count, failed.Count - givenUp.Count, givenUp.Count);
        if (error is not null && error != status?.LastError)
        {
            logger.LogWarning("Prometheus SLI {Sli} from {Url}: {Error}", sli.Name, queries.Url, error);
        }
        return new PrometheusReadResult(span, rows.Count, failed.Count - givenUp.Count, givenUp.Count, readThrough, error);
    }

    private async Task<List<MinuteRead>> ReadChunkAsync(PrometheusQueries queries, MinuteSpan chunk, CancellationToken cancellationToken)
    {
        if (queries.ErrorRatio is { } ratio)
        {
            return MinuteRead.FromErrorRatio(chunk, await api.ReadAsync(queries.Url, ratio, chunk, cancellationToken), PrometheusSourceOptions.ErrorRatioWeight);
        }
        var good = api.ReadAsync(queries.Url, queries.Good!, chunk, cancellationToken);
        var total = api.ReadAsync(queries.Url, queries.Total!, chunk, cancellationToken);
        return MinuteRead.FromCounts(chunk, await good, await total);
    }

    // The first failure says what went wrong; the rest are counted, not repeated.
    private static string? Describe(List<MinuteRead> failed, List<MinuteRead> givenUp, long horizon)
    {
        if (failed.Count == 0)
        {
            return null;
        }
        var first = failed[0].Error!;
        var more = failed.Count > 1 ? $" ({failed.Count} minutes failed, the first from {MinuteRead.Display(failed[0].Minute)})" : "";
        var gaveUp = givenUp.Count > 0
            ? $"; gave up on {givenUp.Count} minute{(givenUp.Count == 1 ? "" : "s")} from {MinuteRead.Display(givenUp[0].Minute)} that kept failing until the late horizon ({MinuteRead.Display(horizon)})"
            : "";
        return first + more + gaveUp;
    }
}
