using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Pipeline;

// What the JSON intake endpoints (native events, Alertmanager, mapped webhooks) share once the
// key is known: read at most 512 KB, parse, let the endpoint's reader validate, submit, and
// answer 413, 400, 503 or 429 the same way; `accepted` writes the endpoint's own success.
public static class JsonIntake
{
    public const int MaxBodyBytes = 512 * 1024;

    // How an endpoint words its refusals: the caller's tool shows them to a person.
    public sealed record Wording(string TooLarge, string Invalid, string NotStored);

    public static async Task<IResult> ReceiveAsync(
        HttpRequest request, IntegrationRef integration, IAlertIntake intake, Wording wording,
        Func<JsonElement, ValidationErrors, IReadOnlyList<AlertEvent>?> read,
        Func<IReadOnlyList<AlertEvent>, IntakeOutcome, IResult> accepted, CancellationToken cancellationToken)
    {
        PooledBody body;
        try
        {
            body = await PooledBody.ReadAsync(request, MaxBodyBytes, gzip: false, cancellationToken);
        }
        catch (Exception exception) when (exception is PooledBody.TooLargeException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return Refuse("too_large", TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large.", detail: wording.TooLarge));
        }
        var errors = new ValidationErrors();
        IReadOnlyList<AlertEvent>? events;
        try
        {
            using var document = JsonDocument.Parse(body.Buffer.AsMemory(0, body.Length));
            events = read(document.RootElement, errors);
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
            return Refuse("invalid", Problems.Validation(errors, wording.Invalid));
        }
        IntakeOutcome outcome;
        try
        {
            outcome = await intake.SubmitAsync(integration, events, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The database refused the batch (the writer logged why): nothing was stored.
            return Refuse("store_failed", TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not stored.", detail: wording.NotStored));
        }
        if (!outcome.Accepted)
        {
            request.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(outcome.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.", detail: "The alert queue is full; retry after the Retry-After delay.");
        }
        return accepted(events, outcome);
    }

    public static IResult Refuse(string reason, IResult result)
    {
        AlertMetrics.Refused.WithLabels(reason).Inc();
        return result;
    }
}
