using System.Text.Json;

namespace Unyo.Features.Alerts.Urgency;

// How an integration's events are judged when they do not say their urgency themselves. Built
// once per rule (UrgencyPolicies caches it per integration); Decide runs for every new alert and
// allocates nothing.
//
// Support hours are wall-clock hours in the rule's time zone, so 08:00–18:00 stays 08:00–18:00
// through summer time: on the day clocks go forward the window simply starts at the same local
// reading, and an hour the clock skips is never inside or outside twice. A window whose end is
// before its start runs overnight: it opens on a listed day at `start` and closes the next morning
// at `end` (mon 22:00 → tue 06:00), so "days" names the evening a night shift begins.
public sealed class UrgencyPolicy
{
    public static readonly UrgencyPolicy BySeverity = new(UrgencyRuleKind.Severity);

    private readonly UrgencyRuleKind _kind;
    private readonly TimeZoneInfo? _zone;
    // Bit n set: DayOfWeek n is listed.
    private readonly int _days;
    private readonly int _start;
    private readonly int _end;
    private readonly UrgencyChoice _during;
    private readonly UrgencyChoice _outside;

    private UrgencyPolicy(UrgencyRuleKind kind) => _kind = kind;

    internal UrgencyPolicy(UrgencyRule rule)
    {
        _kind = rule.Kind;
        if (rule.Kind == UrgencyRuleKind.SupportHours)
        {
            _zone = TimeZoneInfo.FindSystemTimeZoneById(rule.TimeZone!);
            _days = rule.Days!.Aggregate(0, (mask, day) => mask | (1 << (int)day));
            (_start, _end) = (rule.StartMinute, rule.EndMinute);
            (_during, _outside) = (rule.During, rule.Outside);
        }
    }

    public UrgencyRule Rule => UrgencyRule.Of(this);

    internal UrgencyRuleKind Kind => _kind;
    internal TimeZoneInfo? Zone => _zone;
    internal int Days => _days;
    internal (int Start, int End) Hours => (_start, _end);
    internal (UrgencyChoice During, UrgencyChoice Outside) Choices => (_during, _outside);

    // A stored rule (validated when written). A rule that no longer reads (its time zone left the
    // system's database) falls back to severity rather than losing the alert: FormatException
    // tells the caller, which decides.
    public static UrgencyPolicy Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return BySeverity;
        }
        var errors = new Hosting.ValidationErrors();
        UrgencyRule? rule;
        try
        {
            using var document = JsonDocument.Parse(json);
            rule = UrgencyRule.Read(document.RootElement, "urgency", errors);
        }
        catch (JsonException exception)
        {
            throw new FormatException($"urgency rule is not JSON: {exception.Message}", exception);
        }
        if (rule is null)
        {
            throw new FormatException(string.Join(" ", errors.All.Select(e => $"{e.Field}: {e.Message}")));
        }
        return rule.ToPolicy();
    }

    public AlertUrgency Decide(AlertSeverity severity, DateTimeOffset at) => _kind switch
    {
        UrgencyRuleKind.High => AlertUrgency.High,
        UrgencyRuleKind.Low => AlertUrgency.Low,
        UrgencyRuleKind.SupportHours => Choose(InSupportHours(at) ? _during : _outside, severity),
        _ => FromSeverity(severity),
    };

    public bool InSupportHours(DateTimeOffset at)
    {
        if (_zone is null)
        {
            return false;
        }
        var local = at.UtcDateTime + _zone.GetUtcOffset(at);
        var minute = (local.Hour * 60) + local.Minute;
        var day = (int)local.DayOfWeek;
        if (_start < _end)
        {
            return Listed(day) && minute >= _start && minute < _end;
        }
        // Overnight: the evening part belongs to today's window, the morning part to yesterday's.
        return (Listed(day) && minute >= _start) || (Listed((day + 6) % 7) && minute < _end);
    }

    public static AlertUrgency FromSeverity(AlertSeverity severity) =>
        severity is AlertSeverity.Critical or AlertSeverity.Error ? AlertUrgency.High : AlertUrgency.Low;

    private bool Listed(int day) => (_days & (1 << day)) != 0;

    private static AlertUrgency Choose(UrgencyChoice choice, AlertSeverity severity) => choice switch
    {
        UrgencyChoice.High => AlertUrgency.High,
        UrgencyChoice.Low => AlertUrgency.Low,
        _ => FromSeverity(severity),
    };
}
