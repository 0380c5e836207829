using Unyo.Client;
using Unyo.Features.Checks.Probes;
using Unyo.Hosting;

namespace Unyo.Features.Checks;

// Field rules for a check, shared by the API, the UI and YAML. Keys are the request's field
// names; whether the service and locations exist, and whether an admin allows the target, is
// checked where the state is known (CheckCatalog, CheckKind).
public static class CheckValidator
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan MaxInterval = TimeSpan.FromHours(24);
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    public const int MaxRetries = 3;
    public const int MaxStreak = 10;
    public const int MaxLocations = 16;

    public static CheckDefinition? Validate(CheckRequest request, ValidationErrors errors)
    {
        Slugs.Check(request.Name, "name", errors);
        if (request.Name == "new")
        {
            errors.Add("name", "'new' is taken by the page that adds a check (/checks/new); choose another name.");
        }
        Slugs.Check(request.Service, "service", errors);
        if (request.Description is { Length: > 2000 })
        {
            errors.Add("description", "must be at most 2000 characters.");
        }
        if (request.Type is null)
        {
            errors.Add("type", "is required: http, tcp, tls, dns or heartbeat.");
            return null;
        }
        if (!CheckTypeNames.TryParse(request.Type, out var type))
        {
            errors.Add("type", $"'{request.Type}' must be http, tcp, tls, dns or heartbeat.");
            return null;
        }
        return type == CheckType.Heartbeat ? ValidateHeartbeat(request, errors) : ValidateProbe(type, request, errors);
    }

    private static CheckDefinition? ValidateProbe(CheckType type, CheckRequest request, ValidationErrors errors)
    {
        var interval = Durations.Read(request.Interval, "interval", DefaultInterval, MinInterval, MaxInterval, errors);
        var timeout = Durations.Read(request.Timeout, "timeout", interval <= DefaultTimeout * 2 ? interval / 2 : DefaultTimeout, TimeSpan.FromSeconds(1), MaxTimeout, errors);
        if (!errors.Has("interval") && !errors.Has("timeout") && timeout >= interval)
        {
            errors.Add("timeout", $"must be shorter than the interval ({Durations.Format(interval)}), or runs would overlap.");
        }
        var retries = Range(request.Retries, "retries", 0, 0, MaxRetries, errors);
        var downAfter = Range(request.DownAfter, "downAfter", 2, 1, MaxStreak, errors);
        var upAfter = Range(request.UpAfter, "upAfter", 1, 1, MaxStreak, errors);
        var locations = Locations(request.Locations, errors);
        var downLocations = Range(request.DownLocations, "downLocations", 1, 1, Math.Max(1, locations.Count), errors);
        var probe = ProbeSettingsValidator.Validate(type, request, errors);
        if (!errors.IsEmpty || probe is null)
        {
            return null;
        }
        return new CheckDefinition(request.Name!, request.Service!, Describe(request.Description), type, interval, timeout, retries, downAfter, upAfter,
            locations, downLocations, request.Enabled ?? true, probe, null);
    }

    private static CheckDefinition? ValidateHeartbeat(CheckRequest request, ValidationErrors errors)
    {
        foreach (var (field, given) in new (string, bool)[]
        {
            ("interval", request.Interval is not null), ("timeout", request.Timeout is not null), ("retries", request.Retries is not null),
            ("downAfter", request.DownAfter is not null), ("upAfter", request.UpAfter is not null), ("locations", request.Locations is not null),
            ("downLocations", request.DownLocations is not null), ("http", request.Http is not null), ("tcp", request.Tcp is not null),
            ("tls", request.Tls is not null), ("dns", request.Dns is not null),
        })
        {
            if (given)
            {
                errors.Add(field, "does not apply to a heartbeat: jobs ping it, and it is down at the first missed period (plus grace) or failure ping.");
            }
        }
        var heartbeat = HeartbeatSettings.Validate(request.Heartbeat, errors);
        if (!errors.IsEmpty || heartbeat is null)
        {
            return null;
        }
        return new CheckDefinition(request.Name!, request.Service!, Describe(request.Description), CheckType.Heartbeat, heartbeat.Period, TimeSpan.Zero, 0, 1, 1,
            [CheckDefinition.LocalLocation], 1, request.Enabled ?? true, null, heartbeat);
    }

    private static List<string> Locations(string[]? given, ValidationErrors errors)
    {
        if (given is null)
        {
            return [CheckDefinition.LocalLocation];
        }
        if (given.Length is 0 or > MaxLocations)
        {
            errors.Add("locations", $"needs 1 to {MaxLocations} locations (local is the server itself).");
            return [CheckDefinition.LocalLocation];
        }
        for (var i = 0; i < given.Length; i++)
        {
            Slugs.Check(given[i], $"locations[{i}]", errors);
        }
        if (given.Distinct(StringComparer.Ordinal).Count() != given.Length)
        {
            errors.Add("locations", "names a location twice.");
        }
        return [.. given.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    private static int Range(int? value, string field, int fallback, int min, int max, ValidationErrors errors)
    {
        if (value is null)
        {
            return fallback;
        }
        if (value < min || value > max)
        {
            errors.Add(field, $"must be between {min} and {max}.");
        }
        return value.Value;
    }

    private static string? Describe(string? description) => string.IsNullOrWhiteSpace(description) ? null : description.Trim();
}
