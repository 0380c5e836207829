using System.Security.Claims;
using System.Text;
using Ical.Net;
using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Schedules;

// `POST /api/v1/schedules/{name}/layers/{layer}/ical?skipUnknown=`: a text/calendar body
// replaces the named layer with a fixed layer of its events (keeping the layer's place and
// restrictions), or adds one on top. Any bad event refuses the whole file.
public static class ICalImportEndpoints
{
    public static async Task<Results<Ok<ScheduleICalImportResponse>, ProblemHttpResult>> Import(
        string name, string layer, bool? skipUnknown, HttpRequest http, ScheduleCatalog catalog, TeamAccess access, UnyoDb db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var schedule = await catalog.FindAsync(name, cancellationToken);
        if (schedule is null)
        {
            return Problems.NotFound("Schedule", name);
        }
        if (await access.ScheduleRefusalAsync(db, user, schedule.Team!.Name, null, cancellationToken) is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }
        if (http.ContentType?.Split(';')[0].Trim().Equals("text/calendar", StringComparison.OrdinalIgnoreCase) != true)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send an iCalendar file.", detail: $"The body must be text/calendar (an .ics file), not '{http.ContentType}'.");
        }
        string text;
        try
        {
            var body = await PooledBody.ReadAsync(http, ScheduleICalImport.MaxBytes, gzip: false, cancellationToken);
            text = Encoding.UTF8.GetString(body.Span);
            System.Buffers.ArrayPool<byte>.Shared.Return(body.Buffer);
        }
        catch (PooledBody.TooLargeException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The file is too large.", detail: $"An imported calendar is at most {ScheduleICalImport.MaxBytes / 1024} KiB.");
        }
        return TypedResults.Ok(await catalog.ImportICalAsync(schedule, layer, text, skipUnknown == true, ManagedBy.Api, cancellationToken));
    }

    public static Calendar? Parse(string text, ValidationErrors errors)
    {
        try
        {
            if (Calendar.Load(text) is { } calendar)
            {
                return calendar;
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            errors.Add("body", $"is not an iCalendar file that can be read: {exception.Message}");
            return null;
        }
        errors.Add("body", "is not an iCalendar file: it needs BEGIN:VCALENDAR … END:VCALENDAR.");
        return null;
    }
}
