using Cronos;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Evaluation;

namespace Unyo.Features.Maintenance;

// The wall-clock starts of a recurring window, from an RRULE (Ical.Net) or a cron expression
// (Cronos). Both are expanded on a floating clock, with no time zone: WallClock alone decides what
// a start in a skipped or repeated hour means, whichever syntax the window is written in.
public sealed class WindowRecurrence
{
    // A rule that matches nothing for this many of its steps (FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30)
    // ends there instead of searching forever.
    private const int MaxUnmatchedSteps = 5000;

    private static readonly EvaluationOptions Options = new() { MaxUnmatchedIncrementsLimit = MaxUnmatchedSteps };

    private readonly CalendarEvent? _rule;
    private readonly CronExpression? _cron;
    private readonly DateTime? _first;

    private WindowRecurrence(CalendarEvent? rule, CronExpression? cron, DateTime? first) => (_rule, _cron, _first) = (rule, cron, first);

    // Throws FormatException with a message for people when the rule cannot be read.
    public static WindowRecurrence FromRrule(string rule, DateTime start)
    {
        RecurrencePattern pattern;
        try
        {
            pattern = new RecurrencePattern(rule);
        }
        catch (ArgumentException exception)
        {
            var message = exception.Message;
            var cut = message.IndexOf(" (Parameter", StringComparison.Ordinal);
            throw new FormatException(cut > 0 ? message[..cut] : message, exception);
        }
        var calendarEvent = new CalendarEvent { DtStart = new CalDateTime(start.Year, start.Month, start.Day, start.Hour, start.Minute, start.Second) };
        calendarEvent.RecurrenceRule = pattern;
        return new WindowRecurrence(calendarEvent, null, start);
    }

    public static WindowRecurrence FromCron(string expression, DateTime? start)
    {
        try
        {
            return new WindowRecurrence(null, CronExpression.Parse(expression, CronFormat.Standard), start);
        }
        catch (CronFormatException exception)
        {
            throw new FormatException(exception.Message, exception);
        }
    }

    // Wall-clock starts at or after `from`, in order, never before the first start.
    public IEnumerable<DateTime> StartsFrom(DateTime from)
    {
        if (_first is { } first && from < first)
        {
            from = first;
        }
        return _rule is not null ? RuleStarts(from) : CronStarts(from);
    }

    private IEnumerable<DateTime> RuleStarts(DateTime from)
    {
        using var occurrences = _rule!.GetOccurrences(new CalDateTime(from.Year, from.Month, from.Day, from.Hour, from.Minute, from.Second), Options).GetEnumerator();
        while (true)
        {
            try
            {
                if (!occurrences.MoveNext())
                {
                    yield break;
                }
            }
            catch (EvaluationLimitExceededException)
            {
                yield break;
            }
            var start = occurrences.Current.Period.StartTime.Value;
            if (start >= from)
            {
                yield return DateTime.SpecifyKind(start, DateTimeKind.Unspecified);
            }
        }
    }

    // Cronos runs on UTC here: UTC has no daylight saving, so it is the floating clock.
    private IEnumerable<DateTime> CronStarts(DateTime from)
    {
        var next = _cron!.GetNextOccurrence(DateTime.SpecifyKind(from, DateTimeKind.Utc), inclusive: true);
        while (next is { } start)
        {
            yield return DateTime.SpecifyKind(start, DateTimeKind.Unspecified);
            next = _cron.GetNextOccurrence(start, inclusive: false);
        }
    }
}
