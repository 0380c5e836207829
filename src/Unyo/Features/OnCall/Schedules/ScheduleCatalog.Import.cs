using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Schedules;

// An iCalendar file as a fixed layer, for the API and the schedule page's upload form: the named
// layer is replaced (keeping its place and restrictions) or added on top. Any bad event, or any
// event that names nobody unless skipUnknown, refuses the whole file and nothing is written.
public sealed partial class ScheduleCatalog
{
    // Needs the schedule loaded with its team (FindAsync does).
    public async Task<ScheduleICalImportResponse> ImportICalAsync(Schedule schedule, string layer, string text, bool skipUnknown, ManagedBy managedBy, CancellationToken cancellationToken)
    {
        const string Title = "The calendar was not imported: nothing was changed.";
        var errors = new ValidationErrors();
        Slugs.Check(layer, "layer", errors);
        var calendar = ICalImportEndpoints.Parse(text, errors);
        if (!errors.IsEmpty)
        {
            throw new RequestValidationException(errors, title: Title);
        }
        var people = await db.Users.AsNoTracking().Where(u => !u.Disabled)
            .Select(u => new ScheduleICalImport.Person(u.Id, u.Email, u.DisplayName)).ToListAsync(cancellationToken);
        var read = ScheduleICalImport.Read(calendar!, text, TimeZoneInfo.FindSystemTimeZoneById(schedule.TimeZone), Now, people);
        foreach (var problem in read.Bad.Concat(skipUnknown ? [] : read.Unknown).OrderBy(p => p.Index))
        {
            errors.Add($"events[{problem.Index}]", $"line {problem.Line}, UID {problem.Uid ?? "(none)"}: {problem.Reason}");
        }
        if (errors.IsEmpty && read.Shifts.Count == 0)
        {
            errors.Add("body", "holds no event that becomes a shift (single events that are over and recurrences beyond 93 days are left out).");
        }
        if (!errors.IsEmpty)
        {
            throw new RequestValidationException(errors, title: Title);
        }
        var spec = await SpecAsync(schedule, cancellationToken);
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
            throw new RequestValidationException(errors, title: Title);
        }
        await UpdateAsync(schedule, next, managedBy, cancellationToken);
        return new ScheduleICalImportResponse(schedule.Name, layer, replacing is null, read.Shifts.Count, read.Unknown);
    }
}
