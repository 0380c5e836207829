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
    public const int MaxBodyBytes = JsonIntake.MaxBodyBytes;

    private static readonly JsonIntake.Wording Wording = new(
        $"A payload must be at most {MaxBodyBytes / 1024} KB.", "The payload is invalid; nothing of it was stored.", "The alerts could not be stored; retry.");

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
            return JsonIntake.Refuse("unknown_key", TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown integration key.", detail: "No integration has this key."));
        }
        return await JsonIntake.ReceiveAsync(request, integration, intake, Wording,
            (root, errors) => read(root, integration, errors),
            (events, outcome) => TypedResults.Ok(new IntegrationIntakeResponse("success", events.Count, outcome.DedupKeys)),
            cancellationToken);
    }
}
