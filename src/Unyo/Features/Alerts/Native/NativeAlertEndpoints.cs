using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Unyo.Client;
using Unyo.Features.Alerts.Pipeline;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Native;

// POST /api/v1/alerts: Unyo's own event format. The integration key travels in a header, so it
// stays out of URLs and access logs; there is no bearer token. 202 once every event is stored,
// 400 naming each bad field with nothing stored, 404 alike for every key it does not know (or of
// another kind), 413 over 512 KB, 429 with Retry-After while the queue is full, 503 when the
// database refused the batch.
public static class NativeAlertEndpoints
{
    public const string KeyHeader = "X-Unyo-Integration-Key";
    public const int MaxBodyBytes = 512 * 1024;

    public static async Task<IResult> Submit(HttpRequest request, IntegrationDirectory integrations, IAlertIntake intake, CancellationToken cancellationToken)
    {
        if (await integrations.FindAsync(request.Headers[KeyHeader].ToString(), IntegrationKind.Native, cancellationToken) is not { } integration)
        {
            return Refuse("unknown_key", TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown integration key.",
                detail: $"No native integration has the key in the {KeyHeader} header."));
        }
        PooledBody body;
        try
        {
            body = await PooledBody.ReadAsync(request, MaxBodyBytes, gzip: false, cancellationToken);
        }
        catch (Exception exception) when (exception is PooledBody.TooLargeException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return Refuse("too_large", TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large.", detail: $"A body must be at most {MaxBodyBytes / 1024} KB."));
        }
        var errors = new ValidationErrors();
        IReadOnlyList<AlertEvent>? events;
        try
        {
            using var document = JsonDocument.Parse(body.Buffer.AsMemory(0, body.Length));
            events = NativeAlertParser.Read(document.RootElement, "api/" + integration.Name, errors);
        }
        catch (JsonException exception)
        {
            errors.Add("body", $"is not valid JSON: {exception.Message}");
            events = null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body.Buffer);
        }
        if (events is null || !errors.IsEmpty)
        {
            return Refuse("invalid", Problems.Validation(errors, "The events are invalid; none of them was stored."));
        }
        IntakeOutcome outcome;
        try
        {
            outcome = await intake.SubmitAsync(integration, events, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The database refused the batch (the writer logged why): nothing was stored.
            return Refuse("store_failed", TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not stored.", detail: "The events could not be stored; retry."));
        }
        if (!outcome.Accepted)
        {
            request.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(outcome.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.", detail: "The alert queue is full; retry after the Retry-After delay.");
        }
        return TypedResults.Json(new AlertIntakeAccepted("success", outcome.DedupKeys), statusCode: StatusCodes.Status202Accepted);
    }

    private static IResult Refuse(string reason, IResult result)
    {
        AlertMetrics.Refused.WithLabels(reason).Inc();
        return result;
    }
}
