using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Alerts.PagerDuty;
using Unyo.Features.Alerts.Pipeline;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Changes;

// POST /v2/change/enqueue, answered as PagerDuty answers its change events: 202 once stored, 400
// listing every problem, 404 alike for every unknown key, 413 over 512 KB. A change opens no
// alert and tells nobody; it is stored for the service's "recent changes".
// GET /api/v1/services/{name}/changes lists them, newest first.
public static class ChangeEndpoints
{
    public static async Task<IResult> Enqueue(HttpRequest request, IntegrationDirectory integrations, UnyoDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        PooledBody body;
        try
        {
            body = await PooledBody.ReadAsync(request, PagerDutyEndpoints.MaxBodyBytes, gzip: false, cancellationToken);
        }
        catch (Exception exception) when (exception is PooledBody.TooLargeException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return Refuse(StatusCodes.Status413PayloadTooLarge, "too_large", "Request too large", $"The change event must be at most {PagerDutyEndpoints.MaxBodyBytes / 1024} KB");
        }
        ChangeEventParser.Result parsed;
        try
        {
            using var document = JsonDocument.Parse(body.Buffer.AsMemory(0, body.Length));
            parsed = ChangeEventParser.Parse(document.RootElement);
        }
        catch (JsonException exception)
        {
            return Refuse(StatusCodes.Status400BadRequest, "malformed_json", "Change event is invalid", $"The body is not valid JSON: {exception.Message}");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body.Buffer);
        }
        if (parsed.Errors.Count > 0)
        {
            return Refuse(StatusCodes.Status400BadRequest, "invalid", "Change event is invalid", [.. parsed.Errors]);
        }
        if (await integrations.FindAsync(parsed.RoutingKey, IntegrationKind.PagerDuty, cancellationToken) is not { } integration)
        {
            return Refuse(StatusCodes.Status404NotFound, "unknown_key", "Invalid routing key", "No integration has this routing key");
        }
        var change = parsed.Change!;
        var now = time.GetUtcNow();
        db.ChangeEvents.Add(new ChangeEvent
        {
            ServiceId = integration.ServiceId,
            IntegrationId = integration.Id,
            Integration = integration.Name,
            Summary = change.Summary,
            Source = change.Source,
            Timestamp = change.Timestamp ?? now,
            Details = change.Details,
            Links = change.Links,
            ReceivedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The service or integration was deleted since the key was looked up, or the database
            // is unwell: nothing was stored, and the sender may retry.
            return Refuse(StatusCodes.Status503ServiceUnavailable, "store_failed", "Change event not stored", "The change event could not be stored; retry");
        }
        return TypedResults.Json(new PagerDutyAccepted("success", "Change event processed", null), statusCode: StatusCodes.Status202Accepted);
    }

    public static async Task<Results<Ok<Page<ChangeEventResponse>>, ValidationProblem, ProblemHttpResult>> List(
        string name, string? cursor, int? limit, UnyoDb db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (take, after) = Cursor.Read(cursor, limit, errors);
        long? before = null;
        if (after is not null)
        {
            if (long.TryParse(after, System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                before = id;
            }
            else
            {
                errors.Add("cursor", "is not a cursor this list gave.");
            }
        }
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        if (await db.Services.Where(s => s.Name == name).Select(s => (Guid?)s.Id).SingleOrDefaultAsync(cancellationToken) is not { } serviceId)
        {
            return Problems.NotFound("Service", name);
        }
        var rows = await ChangeQueries.NewestAsync(db, serviceId, before, take + 1, cancellationToken);
        var next = rows.Count > take ? Cursor.Encode(rows[take - 1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null;
        return TypedResults.Ok(new Page<ChangeEventResponse>([.. rows.Take(take).Select(r => ChangeQueries.ToResponse(r, name))], next));
    }

    private static JsonHttpResult<PagerDutyRefused> Refuse(int status, string reason, string message, params string[] errors)
    {
        AlertMetrics.Refused.WithLabels("change_" + reason).Inc();
        return TypedResults.Json(new PagerDutyRefused(status == StatusCodes.Status400BadRequest ? "invalid event" : "error", message, errors), statusCode: status);
    }
}
