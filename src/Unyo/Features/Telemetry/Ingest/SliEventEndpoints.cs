using System.Buffers;
using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Telemetry.Ingest;

// POST /api/v1/sli-events: parse, check and sum the batch in the handler, queue the sums, answer
// 202. All or nothing: a batch with one bad event is refused whole and nothing of it is counted.
public static class SliEventEndpoints
{
    public static async Task<Results<Accepted<SliEventsAccepted>, ValidationProblem, ProblemHttpResult>> Ingest(
        HttpRequest request, SliDirectory directory, SliMinuteWriter writer, SliIngestOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            SliIngestMetrics.Refused.WithLabels("media_type").Inc();
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type.", detail: "Send the events as application/json.");
        }
        var (buffer, length) = await ReadBodyAsync(request, cancellationToken);
        try
        {
            var names = await directory.CurrentAsync(cancellationToken);
            var batch = SliEventParser.Parse(buffer.AsSpan(0, length), names, time.GetUtcNow(), options.LateHorizon);
            if (batch.UnknownNames is { Count: > 0 } unknown)
            {
                // New SLIs: ask the database once, then read the batch again with what it knows.
                var known = await directory.FindAsync(unknown, cancellationToken);
                if (known != names)
                {
                    batch = SliEventParser.Parse(buffer.AsSpan(0, length), known, time.GetUtcNow(), options.LateHorizon);
                }
            }
            if (!batch.IsValid)
            {
                SliIngestMetrics.Refused.WithLabels(batch.Reason ?? "invalid").Inc();
                var title = batch.ErrorCount > SliIngestOptions.MaxErrors
                    ? $"The batch was refused: {batch.ErrorCount} problems, the first {SliIngestOptions.MaxErrors} listed. Nothing of it was counted."
                    : "The batch was refused; nothing of it was counted.";
                return Problems.Validation(batch.Errors, title);
            }
            if (batch.Minutes > 0 && !writer.TryEnqueue(batch.ToDeltas()))
            {
                SliIngestMetrics.Refused.WithLabels("queue_full").Inc();
                request.HttpContext.Response.Headers.RetryAfter = "1";
                return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.",
                    detail: "The SLI ingest queue of this node is full: the database is not keeping up. Nothing of this batch was counted; send it again after 1 s.");
            }
            SliIngestMetrics.EventsAccepted.Inc(batch.Events);
            return TypedResults.Accepted((string?)null, new SliEventsAccepted(batch.Events));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // The whole body in one pooled buffer (Kestrel stops it at RequestLimits.MaxBodyBytes).
    private static async Task<(byte[] Buffer, int Length)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(request.ContentLength ?? 16 * 1024, 1, RequestLimits.MaxBodyBytes) + 1);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    return (buffer, length);
                }
                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}
