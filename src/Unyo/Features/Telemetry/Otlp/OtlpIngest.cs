using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Telemetry.Ingest;

namespace Unyo.Features.Telemetry.Otlp;

public enum OtlpIngestOutcome
{
    Queued,
    QueueFull,
    Contended,
}

// Applies matched points: reads the states of their cumulative series, aggregates, and saves the
// new states and queues the minute sums together. The states are saved in a transaction that is
// committed only once the sums are queued, so a full queue (429) leaves the series where they
// were and the sender's retry counts exactly once. Two nodes updating one series meet on its
// Revision: the loser reads again and recomputes (its points are then older than the state and
// count nothing, or count their increase over the winner's).
public sealed class OtlpIngest(UnyoDb db, SliMinuteWriter writer, SliIngestOptions options, TimeProvider time, ILogger<OtlpIngest> logger)
{
    public const int Attempts = 4;

    public async Task<(OtlpIngestOutcome Outcome, OtlpAggregation? Aggregation)> ApplyAsync(IReadOnlyList<OtlpUse> uses, CancellationToken cancellationToken)
    {
        var keys = uses.Where(u => u.Series != Guid.Empty).Select(u => (u.Sli.Id, u.Series)).ToHashSet();
        if (keys.Count == 0)
        {
            var aggregation = new OtlpAggregator(time.GetUtcNow(), options.LateHorizon).Aggregate(uses, new Dictionary<(Guid, Guid), OtlpSeries>());
            return (Enqueue(aggregation) ? OtlpIngestOutcome.Queued : OtlpIngestOutcome.QueueFull, aggregation);
        }
        var sliIds = keys.Select(k => k.Id).Distinct().ToList();
        var seriesIds = keys.Select(k => k.Series).Distinct().ToList();
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            db.ChangeTracker.Clear();
            var states = (await db.OtlpSeries.Where(s => sliIds.Contains(s.SliId) && seriesIds.Contains(s.SeriesId)).ToListAsync(cancellationToken))
                .Where(s => keys.Contains((s.SliId, s.SeriesId)))
                .ToDictionary(s => (s.SliId, s.SeriesId));
            var aggregation = new OtlpAggregator(time.GetUtcNow(), options.LateHorizon).Aggregate(uses, states);
            db.OtlpSeries.AddRange(aggregation.Added);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException || DatabaseProvider.IsConstraintViolation(exception))
            {
                // Another node moved a series (or added it, or its SLI was deleted) since we read it.
                await transaction.RollbackAsync(cancellationToken);
                logger.LogDebug("OTLP series changed under attempt {Attempt}; reading them again", attempt);
                continue;
            }
            if (!Enqueue(aggregation))
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return (OtlpIngestOutcome.QueueFull, null);
            }
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return (OtlpIngestOutcome.Queued, aggregation);
        }
        db.ChangeTracker.Clear();
        return (OtlpIngestOutcome.Contended, null);
    }

    private bool Enqueue(OtlpAggregation aggregation)
    {
        var deltas = aggregation.ToDeltas();
        return deltas.Length == 0 || writer.TryEnqueue(deltas);
    }
}
