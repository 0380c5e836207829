using System.Security.Claims;
using System.Text;
using Ical.Net;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
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
    public static async Task<Results<Ok<ScheduleICalImportResponse>, ValidationProblem, ProblemHttpResult>> Import(
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
        var errors = new ValidationErrors();
        Slugs.Check(layer, "layer", errors);
        var calendar = Parse(text, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        var people = await db.Users.AsNoTracking().Where(u => !u.Disabled)
            .Select(u => new ScheduleICalImport.Person(u.Id, u.Email, u.DisplayName)).ToListAsync(cancellationToken);
        var read = ScheduleICalImport.Read(calendar!, text, TimeZoneInfo.FindSystemTimeZoneById(schedule.TimeZone), catalog.Now, people);
        foreach (var problem in read.Bad.Concat(skipUnknown == true ? [] : read.Unknown).OrderBy(p => p.Index))
        {
            errors.Add($"events[{problem.Index}]", $"line {problem.Line}, UID {problem.Uid ?? "(none)"}: {problem.Reason}");
        }
        if (errors.IsEmpty && read.Shifts.Count == 0)
        {
            errors.Add("body", "holds no event that becomes a shift (single events that are over and recurrences beyond 93 days are left out).");
        }
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors, "The calendar was not imported: nothing was changed.");
        }
        var spec = await catalog.SpecAsync(schedule, cancellationToken);
        var layers = spec.Layers.ToList();
        var at = layers.FindIndex(l => l.Name == layer);
        var replacing = at >= 0 ? layers[at] : null;
        var imported = new ScheduleLayerRequest { Name = layer, Turn = StoredLayer.FixedTurn, Shifts = read.Shifts, Restrictions = replacing?.Restrictions };
        if (replacing is null)
        {
            layers.Add(imported);
        }
        else
        {
            layers[at] = imported;
        }
        var next = ScheduleValidator.Validate(new ScheduleRequest { Name = spec.Name, Team = spec.Team, TimeZone = spec.TimeZone, Description = spec.Description, Layers = layers }, errors);
        if (next is null)
        {
            return Problems.Validation(errors, "The calendar was not imported: nothing was changed.");
        }
        await catalog.UpdateAsync(schedule, next, ManagedBy.Api, cancellationToken);
        return TypedResults.Ok(new ScheduleICalImportResponse(name, layer, replacing is null, read.Shifts.Count, read.Unknown));
    }

    private static Calendar? Parse(string text, ValidationErrors errors)
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
