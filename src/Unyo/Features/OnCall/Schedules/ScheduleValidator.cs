using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Schedules;

// Field rules for a schedule, shared by the API, the pages and YAML. Keys are the request's field
// names (`layers[1].users[0]`, `layers[0].restrictions[2].from`); whether the team and the users
// exist is checked where the state is known (ScheduleCatalog, ScheduleKind).
public static partial class ScheduleValidator
{
    public const int MaxLayers = 20;
    public const int MaxUsers = 100;
    public const int MaxRestrictions = 20;

    public static ScheduleSpec? Validate(ScheduleRequest request, ValidationErrors errors)
    {
        Slugs.Check(request.Name, "name", errors);
        Slugs.Check(request.Team, "team", errors);
        var zone = ScheduleFormats.FindZone(request.TimeZone);
        if (string.IsNullOrWhiteSpace(request.TimeZone))
        {
            errors.Add("timeZone", "is required: the IANA time zone whose wall clock handoffs follow, such as Asia/Tokyo or Europe/London.");
        }
        else if (zone is null)
        {
            errors.Add("timeZone", $"'{request.TimeZone}' is not a time zone this server knows: use an IANA name such as Asia/Tokyo or UTC.");
        }
        if (request.Description is { Length: > 2000 })
        {
            errors.Add("description", "must be at most 2000 characters.");
        }
        var layers = new List<ScheduleLayerRequest>();
        if (request.Layers is not { Count: > 0 })
        {
            errors.Add("layers", "give at least one layer: a rotation of users who take turns.");
        }
        else if (request.Layers.Count > MaxLayers)
        {
            errors.Add("layers", $"must be at most {MaxLayers}.");
        }
        else
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < request.Layers.Count; i++)
            {
                if (Layer(request.Layers[i], $"layers[{i}]", names, errors) is { } layer)
                {
                    layers.Add(layer);
                }
            }
        }
        if (!errors.IsEmpty)
        {
            return null;
        }
        return new ScheduleSpec(
            request.Name!, request.Team!, zone!.HasIanaId || !TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? zone.Id : iana,
            string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(), layers);
    }

    private static ScheduleLayerRequest? Layer(ScheduleLayerRequest? layer, string field, HashSet<string> names, ValidationErrors errors)
    {
        if (layer is null)
        {
            errors.Add(field, "is empty: a layer needs a name, users, a turn and a start.");
            return null;
        }
        var before = errors.All.Count();
        Slugs.Check(layer.Name, $"{field}.name", errors);
        if (layer.Name == FinalSchedule.OverrideSource)
        {
            errors.Add($"{field}.name", "'override' is the name on-call answers give overrides; call the layer something else.");
        }
        else if (layer.Name is { } name && !names.Add(name))
        {
            errors.Add($"{field}.name", $"'{name}' is the name of another layer of this schedule.");
        }
        if (layer.Turn?.Trim().ToLowerInvariant() == StoredLayer.FixedTurn)
        {
            return FixedLayer(layer, field, errors, before);
        }
        if (layer.Shifts is not null)
        {
            errors.Add($"{field}.shifts", "only a layer with turn 'fixed' has shifts; a rotation takes turns among its users.");
        }
        var users = Users(layer.Users, $"{field}.users", errors);
        var turn = Turn(layer.Turn, layer.TurnCount, field, errors);
        var start = ScheduleFormats.ParseLocal(layer.Start);
        if (string.IsNullOrWhiteSpace(layer.Start))
        {
            errors.Add($"{field}.start", "is required: the local date and handoff time of the first turn, such as 2026-01-05T09:00.");
        }
        else if (start is null)
        {
            errors.Add($"{field}.start", $"'{layer.Start}' must be a local date and time in whole minutes, without offset, such as 2026-01-05T09:00: handoffs follow the schedule's wall clock.");
        }
        var end = ScheduleFormats.ParseLocal(layer.End);
        if (!string.IsNullOrWhiteSpace(layer.End) && end is null)
        {
            errors.Add($"{field}.end", $"'{layer.End}' must be a local date and time in whole minutes, without offset, such as 2026-06-30T09:00.");
        }
        else if (end is { } e && start is { } s && e <= s)
        {
            errors.Add($"{field}.end", "must be after start.");
        }
        var restrictions = Restrictions(layer.Restrictions, $"{field}.restrictions", errors);
        if (errors.All.Count() > before)
        {
            return null;
        }
        return new ScheduleLayerRequest
        {
            Name = layer.Name,
            Users = users,
            Turn = turn!.Value.Kind.ToString().ToLowerInvariant(),
            TurnCount = turn.Value.Count,
            Start = ScheduleFormats.Local(start!.Value),
            End = end is { } until ? ScheduleFormats.Local(until) : null,
            Restrictions = restrictions.Count > 0 ? restrictions : null,
        };
    }

    private static List<string> Users(IReadOnlyList<string>? users, string field, ValidationErrors errors)
    {
        if (users is not { Count: > 0 })
        {
            errors.Add(field, "give at least one user (by email): a layer with nobody in it pages nobody.");
            return [];
        }
        if (users.Count > MaxUsers)
        {
            errors.Add(field, $"must name at most {MaxUsers}.");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var emails = new List<string>();
        for (var i = 0; i < users.Count; i++)
        {
            var email = users[i]?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(email) || !email.Contains('@', StringComparison.Ordinal) || email.Length > 254)
            {
                errors.Add($"{field}[{i}]", $"'{users[i]}' is not an email address: users are given by email.");
            }
            else if (!seen.Add(email))
            {
                errors.Add($"{field}[{i}]", $"'{email}' is listed twice; to give someone two turns a cycle, make a second layer.");
            }
            emails.Add(email ?? "");
        }
        return emails;
    }

    private static TurnLength? Turn(string? kind, int? count, string field, ValidationErrors errors)
    {
        TurnKind? parsed = kind?.Trim().ToLowerInvariant() switch
        {
            "daily" => TurnKind.Daily,
            "weekly" => TurnKind.Weekly,
            "hours" => TurnKind.Hours,
            _ => null,
        };
        if (parsed is null)
        {
            errors.Add($"{field}.turn", string.IsNullOrWhiteSpace(kind) ? "is required: daily, weekly or hours." : $"'{kind}' is not a turn length: use daily, weekly or hours (or fixed, with shifts).");
            return null;
        }
        var max = parsed switch { TurnKind.Daily => 365, TurnKind.Weekly => 52, _ => 2160 };
        var unit = parsed switch { TurnKind.Daily => "days", TurnKind.Weekly => "weeks", _ => "hours" };
        var n = count ?? 1;
        if (n < 1 || n > max)
        {
            errors.Add($"{field}.turnCount", $"must be from 1 to {max} {unit}; {n} is not a turn anybody can take.");
            return null;
        }
        return new TurnLength(parsed.Value, n);
    }
}
