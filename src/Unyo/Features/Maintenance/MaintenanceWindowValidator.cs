using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Maintenance;

// Field rules for a maintenance window, shared by the API, the pages and YAML. Keys are the
// request's field names (`services[1]`, `schedule.rrule`); whether the team, the services and the
// checks exist is checked where the state is known (MaintenanceCatalog, MaintenanceWindowKind).
public static class MaintenanceWindowValidator
{
    public const int MaxScope = 200;

    public static MaintenanceWindowSpec? Validate(MaintenanceWindowRequest request, ValidationErrors errors)
    {
        Slugs.Check(request.Name, "name", errors);
        Slugs.Check(request.Team, "team", errors);
        if (string.IsNullOrWhiteSpace(request.Title))
        {
            errors.Add("title", "is required: why there is maintenance, in a few words, such as Patch day.");
        }
        else if (request.Title.Trim().Length > 200)
        {
            errors.Add("title", "must be at most 200 characters.");
        }
        if (request.Description is { Length: > 2000 })
        {
            errors.Add("description", "must be at most 2000 characters.");
        }
        var services = CheckNames(request.Services, "services", errors);
        var checks = CheckNames(request.Checks, "checks", errors);
        if (request.Services is not { Count: > 0 } && request.Checks is not { Count: > 0 })
        {
            errors.Add("services", "give services, checks or both: a window covers at least one of them.");
        }
        var schedule = MaintenanceScheduleValidator.Validate(request.Schedule, errors);
        if (!errors.IsEmpty || schedule is null)
        {
            return null;
        }
        return new MaintenanceWindowSpec(
            request.Name!,
            request.Team!,
            request.Title!.Trim(),
            string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
            services,
            checks,
            schedule,
            request.SuppressAlerts ?? true);
    }

    private static List<string> CheckNames(IReadOnlyList<string>? names, string field, ValidationErrors errors)
    {
        if (names is null)
        {
            return [];
        }
        if (names.Count > MaxScope)
        {
            errors.Add(field, $"must name at most {MaxScope}.");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            Slugs.Check(names[i], $"{field}[{i}]", errors);
            if (names[i] is { } name && !seen.Add(name))
            {
                errors.Add($"{field}[{i}]", $"'{name}' is listed twice.");
            }
        }
        return [.. names];
    }
}
