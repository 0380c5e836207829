using System.Buffers;
using Microsoft.Net.Http.Headers;
using Unyo.Hosting;

namespace Unyo.Features.Telemetry.Otlp;

// POST /v1/metrics, the OTLP/HTTP metrics endpoint. The whole request is decoded before anything
// is used: a malformed one is refused (400) and nothing of it counts. Metrics no SLI selects are
// skipped by their length; points of selected ones are aggregated per SLI and minute and queued
// with native ingest's sums.
public static class OtlpEndpoints
{
    public static async Task<IResult> Export(
        HttpRequest request, OtlpSliCache cache, OtlpIngest ingest, OtlpSourceReports reports, OtlpOptions options, CancellationToken cancellationToken)
    {
        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
        var protobuf = string.Equals(mediaType, OtlpResponses.Protobuf, StringComparison.OrdinalIgnoreCase);
        if (!protobuf && !string.Equals(mediaType, OtlpResponses.Json, StringComparison.OrdinalIgnoreCase))
        {
            OtlpMetrics.Refused.WithLabels("media_type").Inc();
            return OtlpResponses.Failure(false, StatusCodes.Status415UnsupportedMediaType, OtlpResponses.InvalidArgument,
                $"Content-Type '{request.ContentType}' is not an OTLP encoding: send application/x-protobuf or application/json.");
        }
        var encoding = request.Headers.ContentEncoding.ToString().Trim();
        var gzip = encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase);
        if (!gzip && encoding.Length > 0 && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            OtlpMetrics.Refused.WithLabels("media_type").Inc();
            return OtlpResponses.Failure(protobuf, StatusCodes.Status415UnsupportedMediaType, OtlpResponses.InvalidArgument,
                $"Content-Encoding '{encoding}' is not supported: send the body as is or gzip-compressed.");
        }
        PooledBody body;
        try
        {
            body = await PooledBody.ReadAsync(request, options.MaxBytes, gzip, cancellationToken);
        }
        catch (Exception exception) when (exception is PooledBody.TooLargeException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            OtlpMetrics.Refused.WithLabels("too_large").Inc();
            return OtlpResponses.Failure(protobuf, StatusCodes.Status413PayloadTooLarge, OtlpResponses.InvalidArgument,
                $"The request body is over {options.MaxBytes} bytes{(gzip ? " after gzip is undone" : "")} (UNYO_OTLP_MAX_BYTES): export smaller batches (the SDK's or the Collector's batch size).");
        }
        catch (InvalidDataException)
        {
            OtlpMetrics.Refused.WithLabels("malformed").Inc();
            return OtlpResponses.Failure(protobuf, StatusCodes.Status400BadRequest, OtlpResponses.InvalidArgument,
                "The body is not valid gzip although Content-Encoding says gzip.");
        }
        OtlpBatch batch;
        try
        {
            var selections = await cache.CurrentAsync(cancellationToken);
            batch = protobuf ? OtlpProtobufDecoder.Decode(body.Span, selections) : OtlpJsonDecoder.Decode(body.Span, selections);
            var uses = OtlpUse.Match(batch, selections);
            if (uses.Count == 0)
            {
                return OtlpResponses.Success(protobuf, 0, null);
            }
            var (outcome, aggregation) = await ingest.ApplyAsync(uses, cancellationToken);
            if (outcome == OtlpIngestOutcome.QueueFull)
            {
                OtlpMetrics.Refused.WithLabels("queue_full").Inc();
                return OtlpResponses.Failure(protobuf, StatusCodes.Status429TooManyRequests, OtlpResponses.ResourceExhausted,
                    "The SLI ingest queue of this node is full: the database is not keeping up. Nothing of this request was counted; send it again.", TimeSpan.FromSeconds(1));
            }
            if (outcome == OtlpIngestOutcome.Contended)
            {
                OtlpMetrics.Refused.WithLabels("contended").Inc();
                return OtlpResponses.Failure(protobuf, StatusCodes.Status503ServiceUnavailable, OtlpResponses.Unavailable,
                    "Other requests kept changing the same series; nothing of this request was counted. Send it again.", TimeSpan.FromSeconds(1));
            }
            await reports.RecordAsync(aggregation!, cancellationToken);
            OtlpMetrics.Points.WithLabels("used").Inc(uses.Select(u => u.Point).Distinct().Count() - aggregation!.Rejected);
            OtlpMetrics.Points.WithLabels("rejected").Inc(aggregation.Rejected);
            return OtlpResponses.Success(protobuf, aggregation.Rejected, aggregation.RejectionMessage);
        }
        catch (OtlpFormatException exception)
        {
            OtlpMetrics.Refused.WithLabels("malformed").Inc();
            return OtlpResponses.Failure(protobuf, StatusCodes.Status400BadRequest, OtlpResponses.InvalidArgument,
                $"The body is not a valid {(protobuf ? "protobuf" : "JSON")} ExportMetricsServiceRequest: {exception.Message}. Nothing of it was used.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body.Buffer);
        }
    }
}
