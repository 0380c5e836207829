using Unyo.Client;
using Unyo.Features.Alerts.Pipeline;

namespace Unyo.Features.Alerts.Native;

// POST /api/v1/alerts: Unyo's own event format. The integration key travels in a header, so it
// stays out of URLs and access logs; there is no bearer token. 202 once every event is stored,
// 400 naming each bad field with nothing stored, 404 alike for every key it does not know (or of
// another kind), 413 over 512 KB, 429 with Retry-After while the queue is full, 503 when the
// database refused the batch.
public static class NativeAlertEndpoints
{
    public const string KeyHeader = "X-Unyo-Integration-Key";
    public const int MaxBodyBytes = JsonIntake.MaxBodyBytes;

    private static readonly JsonIntake.Wording Wording = new(
        $"A body must be at most {MaxBodyBytes / 1024} KB.", "The events are invalid; none of them was stored.", "The events could not be stored; retry.");

    public static async Task<IResult> Submit(HttpRequest request, IntegrationDirectory integrations, IAlertIntake intake, CancellationToken cancellationToken)
    {
        if (await integrations.FindAsync(request.Headers[KeyHeader].ToString(), IntegrationKind.Native, cancellationToken) is not { } integration)
        {
            return JsonIntake.Refuse("unknown_key", TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown integration key.",
                detail: $"No native integration has the key in the {KeyHeader} header."));
        }
        return await JsonIntake.ReceiveAsync(request, integration, intake, Wording,
            (root, errors) => NativeAlertParser.Read(root, "api/" + integration.Name, errors),
            (_, outcome) => TypedResults.Json(new AlertIntakeAccepted("success", outcome.DedupKeys), statusCode: StatusCodes.Status202Accepted),
            cancellationToken);
    }
}
