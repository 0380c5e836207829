using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Features.Alerts.Pipeline;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.PagerDuty;

// POST /v2/enqueue, answered as PagerDuty's Events API v2 answers: 202 with the dedup key once
// the event is stored, 400 listing every problem, 404 for a key it does not know (the same
// answer for every unknown key), 413 over 512 KB, 429 with Retry-After when the queue is full.
public static class PagerDutyEndpoints
{
    public const int MaxBodyBytes = 512 * 1024;

    public static async Task<IResult> Enqueue(HttpRequest request, IntegrationDirectory integrations, IAlertIntake intake, CancellationToken cancellationToken)
    {
        PooledBody body;
        try
        {
            body = await PooledBody.ReadAsync(request, MaxBodyBytes, gzip: false, cancellationToken);
        }
        catch (Exception exception) when (exception is PooledBody.TooLargeException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return Refuse(StatusCodes.Status413PayloadTooLarge, "too_large", "Request too large", $"The event must be at most {MaxBodyBytes / 1024} KB");
        }
        PagerDutyEventParser.Result parsed;
        try
        {
            using var document = JsonDocument.Parse(body.Buffer.AsMemory(0, body.Length));
            parsed = PagerDutyEventParser.Parse(document.RootElement);
        }
        catch (JsonException exception)
        {
            return Refuse(StatusCodes.Status400BadRequest, "malformed_json", "Event object is invalid", $"The body is not valid JSON: {exception.Message}");
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(body.Buffer);
        }
        if (parsed.Errors.Count > 0)
        {
            return Refuse(StatusCodes.Status400BadRequest, "invalid", "Event object is invalid", [.. parsed.Errors]);
        }
        var integration = await integrations.FindAsync(parsed.RoutingKey, IntegrationKind.PagerDuty, cancellationToken);
        if (integration is null)
        {
            return Refuse(StatusCodes.Status404NotFound, "unknown_key", "Invalid routing key", "No integration has this routing key");
        }
        IntakeOutcome outcome;
        try
        {
            outcome = await intake.SubmitAsync(integration, [parsed.Event!], cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The database refused the batch (the writer logged why): nothing was stored.
            return Refuse(StatusCodes.Status503ServiceUnavailable, "store_failed", "Event not stored", "The event could not be stored; retry");
        }
        if (!outcome.Accepted)
        {
            request.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(outcome.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Refuse(StatusCodes.Status429TooManyRequests, "busy", "Too many requests", "The alert queue is full; retry after the Retry-After delay");
        }
        return TypedResults.Json(new PagerDutyAccepted("success", "Event processed", outcome.DedupKeys[0]), statusCode: StatusCodes.Status202Accepted);
    }

    private static JsonHttpResult<PagerDutyRefused> Refuse(int status, string reason, string message, params string[] errors)
    {
        AlertMetrics.Refused.WithLabels(reason).Inc();
        return TypedResults.Json(new PagerDutyRefused(status == StatusCodes.Status400BadRequest ? "invalid event" : "error", message, errors), statusCode: status);
    }
}
