using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Schedules;

// Fixed layers: shifts given one by one (what an iCalendar import makes), in canonical form:
// lower-case emails, UTC instants, sorted by start.
public static partial class ScheduleValidator
{
    public const int MaxFixedShifts = 2000;

    private static ScheduleLayerRequest? FixedLayer(ScheduleLayerRequest layer, string field, ValidationErrors errors, int before)
    {
        const string Why = "a fixed layer takes its people and times from its shifts";
        if (layer.Users is { Count: > 0 })
        {
            errors.Add($"{field}.users", $"{Why}; leave users out.");
        }
        if (layer.TurnCount is not null)
        {
            errors.Add($"{field}.turnCount", $"{Why}; leave turnCount out.");
        }
        if (!string.IsNullOrWhiteSpace(layer.Start))
        {
            errors.Add($"{field}.start", $"{Why}; leave start out.");
        }
        if (!string.IsNullOrWhiteSpace(layer.End))
        {
            errors.Add($"{field}.end", $"{Why}; leave end out.");
        }
        var shifts = FixedShifts(layer.Shifts, $"{field}.shifts", errors);
        var restrictions = Restrictions(layer.Restrictions, $"{field}.restrictions", errors);
        if (errors.All.Count() > before)
        {
            return null;
        }
        return new ScheduleLayerRequest
        {
            Name = layer.Name,
            Users = [],
            Turn = StoredLayer.FixedTurn,
            Shifts = shifts,
            Restrictions = restrictions.Count > 0 ? restrictions : null,
        };
    }

    private static List<ScheduleFixedShiftRequest> FixedShifts(IReadOnlyList<ScheduleFixedShiftRequest>? shifts, string field, ValidationErrors errors)
    {
        if (shifts is not { Count: > 0 })
        {
            errors.Add(field, "give at least one shift ({user, start, end}): a fixed layer with no shifts pages nobody.");
            return [];
        }
        if (shifts.Count > MaxFixedShifts)
        {
            errors.Add(field, $"must be at most {MaxFixedShifts}.");
            return [];
        }
        var valid = new List<(int Index, ScheduleFixedShiftRequest Shift, DateTimeOffset Start, DateTimeOffset End)>();
        for (var i = 0; i < shifts.Count; i++)
        {
            var shift = shifts[i];
            var email = shift?.User?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(email) || !email.Contains('@', StringComparison.Ordinal) || email.Length > 254)
            {
                errors.Add($"{field}[{i}].user", $"'{shift?.User}' is not an email address: users are given by email.");
            }
            var start = ScheduleCatalog.Instant(shift?.Start, $"{field}[{i}].start", errors);
            var end = ScheduleCatalog.Instant(shift?.End, $"{field}[{i}].end", errors);
            if (start is { } s && end is { } e)
            {
                if (e <= s)
                {
                    errors.Add($"{field}[{i}].end", "must be after start.");
                }
                else if (!string.IsNullOrEmpty(email))
                {
                    valid.Add((i, new ScheduleFixedShiftRequest { User = email, Start = ScheduleFormats.Instant(s), End = ScheduleFormats.Instant(e) }, s, e));
                }
            }
        }
        valid.Sort((a, b) => a.Start.CompareTo(b.Start));
        for (var k = 1; k < valid.Count; k++)
        {
            if (valid[k].Start < valid[k - 1].End)
            {
                errors.Add($"{field}[{valid[k].Index}].start", $"overlaps shifts[{valid[k - 1].Index}] ({valid[k - 1].Shift.User} until {valid[k - 1].Shift.End}): a layer has one person on call at a time.");
            }
        }
        return [.. valid.Select(v => v.Shift)];
    }
}
