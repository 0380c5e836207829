using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Unyo.Client;
using Unyo.Features.Alerts.Pipeline;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Integrations;

// POST /api/v1/integrations/alertmanager/{key} and /webhook/{key}: the key in the URL is the
// credential. 200 once every alert of the payload is stored (Alertmanager retries anything else),
// 400 naming each bad field with nothing stored, 404 alike for every key it does not know (or of
// another kind), 413 over 512 KB, 429 with Retry-After while the intake queue is full.
public static class IntakeEndpoints
{
    public const int MaxBodyBytes = 512 * 1024;

    private delegate IReadOnlyList<AlertEvent>? PayloadReader(JsonElement root, IntegrationRef integration, ValidationErrors errors);

    public static Task<IResult> Alertmanager(string key, HttpRequest request, IntegrationDirectory integrations, IAlertIntake intake, CancellationToken cancellationToken) =>
        ReceiveAsync(key, IntegrationKind.Alertmanager, request, integrations, intake, (root, _, errors) => AlertmanagerPayload.Read(root, errors), cancellationToken);

    public static Task<IResult> Webhook(string key, HttpRequest request, IntegrationDirectory integrations, IAlertIntake intake, CancellationToken cancellationToken) =>
        ReceiveAsync(key, IntegrationKind.Webhook, request, integrations, intake, ReadWebhook, cancellationToken);

    private static IReadOnlyList<AlertEvent>? ReadWebhook(JsonElement root, IntegrationRef integration, ValidationErrors errors)
    {
        if (WebhookMappings.For(integration) is not { } mapping)
        {
            errors.Add("mapping", $"integration '{integration.Name}' has no usable field mapping; its team must set one before it can receive payloads.");
            return null;
        }
        return WebhookPayload.Read(root, mapping, "webhook/" + integration.Name, errors);
    }

    private static async Task<IResult> ReceiveAsync(
        string key, IntegrationKind kind, HttpRequest request, IntegrationDirectory integrations, IAlertIntake intake, PayloadReader read, CancellationToken cancellationToken)
    {
        if (await integrations.FindAsync(key, kind, cancellationToken) is not { } integration)
        {
            return Refuse("unknown_key", TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown integration key.", detail: "No integration has this key."));
        }
        PooledBody body;
        try
        {
            body = await PooledBody.ReadAsync(request, MaxBodyBytes, gzip: false, cancellationToken);
        }
        catch (Exception exception) when (exception is PooledBody.TooLargeException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return Refuse("too_large", TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large.", detail: $"A payload must be at most {MaxBodyBytes / 1024} KB."));
        }
        var errors = new ValidationErrors();
        IReadOnlyList<AlertEvent>? events;
        try
        {
            using var document = JsonDocument.Parse(body.Buffer.AsMemory(0, body.Length));
            events = read(document.RootElement, integration, errors);
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
            return Refuse("invalid", Problems.Validation(errors, "The payload is invalid; nothing of it was stored."));
        }
        IntakeOutcome outcome;
        try
        {
            outcome = await intake.SubmitAsync(integration, events, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The database refused the batch (the writer logged why): nothing was stored.
            return Refuse("store_failed", TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not stored.", detail: "The alerts could not be stored; retry."));
        }
        if (!outcome.Accepted)
        {
            request.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(outcome.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.", detail: "The alert queue is full; retry after the Retry-After delay.");
        }
        return TypedResults.Ok(new IntegrationIntakeResponse("success", events.Count, outcome.DedupKeys));
    }

    private static IResult Refuse(string reason, IResult result)
    {
        AlertMetrics.Refused.WithLabels(reason).Inc();
        return result;
    }
}
