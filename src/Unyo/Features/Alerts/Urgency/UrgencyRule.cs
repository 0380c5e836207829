using System.Text.Json;
using System.Text.Json.Nodes;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Urgency;

// An urgency rule as written (API `urgency`, YAML `spec.urgency`), validated, in its canonical
// form: what is stored in Integration.UrgencyRule, diffed by plans and exported.
public sealed partial record UrgencyRule(
    UrgencyRuleKind Kind,
    string? TimeZone = null,
    IReadOnlyList<DayOfWeek>? Days = null,
    int StartMinute = 0,
    int EndMinute = 0,
    UrgencyChoice During = UrgencyChoice.High,
    UrgencyChoice Outside = UrgencyChoice.Low)
{
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
    private static readonly string[] Fields = ["rule", "timeZone", "days", "start", "end", "during", "outside"];

    // Null with errors keyed under `field` (`urgency.timeZone`); a JSON null is the default rule.
    public static UrgencyRule? Read(JsonElement element, string field, ValidationErrors errors)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return new UrgencyRule(UrgencyRuleKind.Severity);
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(field, "must be an object such as {\"rule\": \"severity\"}.");
            return null;
        }
        var before = errors.All.Count();
        foreach (var property in element.EnumerateObject().Where(p => !Fields.Contains(p.Name)))
        {
            errors.Add($"{field}.{property.Name}", $"is not a known field; an urgency rule has {string.Join(", ", Fields)}.");
        }
        var kind = Text(element, "rule", field, errors) switch
        {
            null => Fail<UrgencyRuleKind>(errors, $"{field}.rule", "is required: severity, high, low or supportHours."),
            "severity" => UrgencyRuleKind.Severity,
            "high" => UrgencyRuleKind.High,
            "low" => UrgencyRuleKind.Low,
            "supportHours" => UrgencyRuleKind.SupportHours,
            var other => Fail<UrgencyRuleKind>(errors, $"{field}.rule", $"'{other}' must be severity, high, low or supportHours."),
        };
        if (kind != UrgencyRuleKind.SupportHours)
        {
            foreach (var name in Fields.Skip(1).Where(n => element.TryGetProperty(n, out _)))
            {
                errors.Add($"{field}.{name}", "is only for rule supportHours.");
            }
            return kind is { } fixedKind && errors.All.Count() == before ? new UrgencyRule(fixedKind) : null;
        }
        var zone = ReadZone(element, field, errors);
        var days = ReadDays(element, field, errors);
        var start = ReadTime(element, "start", field, allowMidnightEnd: false, errors);
        var end = ReadTime(element, "end", field, allowMidnightEnd: true, errors);
        if (start is { } from && from == end)
        {
            errors.Add($"{field}.end", "must differ from start; for the whole day use start 00:00 and end 24:00.");
        }
        var during = ReadChoice(element, "during", field, UrgencyChoice.High, errors);
        var outside = ReadChoice(element, "outside", field, UrgencyChoice.Low, errors);
        if (errors.All.Count() > before || zone is null || days is null || start is null || end is null || during is null || outside is null)
        {
            return null;
        }
        return new UrgencyRule(UrgencyRuleKind.SupportHours, zone, days, start.Value, end.Value, during.Value, outside.Value);
    }

    public UrgencyPolicy ToPolicy() => Kind == UrgencyRuleKind.Severity ? UrgencyPolicy.BySeverity : new UrgencyPolicy(this);

    internal static UrgencyRule Of(UrgencyPolicy policy) => policy.Kind != UrgencyRuleKind.SupportHours
        ? new UrgencyRule(policy.Kind)
        : new UrgencyRule(UrgencyRuleKind.SupportHours, policy.Zone!.Id,
            [.. Enumerable.Range(0, 7).Where(d => (policy.Days & (1 << d)) != 0).Select(d => (DayOfWeek)d)],
            policy.Hours.Start, policy.Hours.End, policy.Choices.During, policy.Choices.Outside);

    // The default rule is stored as null, so integrations without one follow a changed default.
    public string? ToStored() => Kind == UrgencyRuleKind.Severity ? null : ToJson().ToJsonString();

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["rule"] = Kind == UrgencyRuleKind.SupportHours ? "supportHours" : Kind.ToString().ToLowerInvariant() };
        if (Kind == UrgencyRuleKind.SupportHours)
        {
            json["timeZone"] = TimeZone;
            // Monday first, as people write weeks.
            json["days"] = new JsonArray([.. Days!.OrderBy(d => ((int)d + 6) % 7).Select(d => (JsonNode)DayNames[(int)d])]);
            json["start"] = Clock(StartMinute);
            json["end"] = Clock(EndMinute);
            json["during"] = During.ToString().ToLowerInvariant();
            json["outside"] = Outside.ToString().ToLowerInvariant();
        }
        return json;
    }

    // In words for pages: "Mon–Fri 08:00–18:00 Europe/Berlin: high inside, low outside".
    public string Describe() => Kind switch
    {
        UrgencyRuleKind.Severity => "by severity (critical and error high, warning and info low)",
        UrgencyRuleKind.High => "always high",
        UrgencyRuleKind.Low => "always low",
        _ => $"{string.Join(",", ToJson()["days"]!.AsArray().Select(d => (string)d!))} {Clock(StartMinute)}–{Clock(EndMinute)} {TimeZone}: {Word(During)} inside, {Word(Outside)} outside",
    };

    private static string Word(UrgencyChoice choice) => choice == UrgencyChoice.Severity ? "by severity" : choice.ToString().ToLowerInvariant();

    private static string Clock(int minute) => $"{minute / 60:00}:{minute % 60:00}";
}
