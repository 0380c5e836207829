using Unyo.Client;
using Unyo.Features.Alerts.Matching;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Silences;

// Field rules for a silence, shared by the API, the pages and YAML. Whether the team exists and
// whether the caller may silence what the matchers cover is checked where the state is known
// (SilenceCatalog, SilenceAccess, SilenceKind).
public static class SilenceValidator
{
    public const int MaxComment = 1000;
    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(366);

    // now: when the request is judged (a missing start is now); endMustBeAhead: the API and pages
    // refuse a silence that is over before it is stored; a YAML file may keep one that has ended.
    public static SilenceSpec? Validate(SilenceRequest request, DateTimeOffset now, bool endMustBeAhead, ValidationErrors errors)
    {
        Slugs.Check(request.Name, "name", errors);
        if (request.Team is not null)
        {
            Slugs.Check(request.Team, "team", errors);
        }
        var matchers = LabelMatchers.Read(request.Matchers, "matchers", errors);
        if (request.Matchers is not { Count: > 0 })
        {
            errors.Add("matchers", "give at least one matcher, such as service=\"checkout\".");
        }
        else if (matchers.Count == request.Matchers.Count && LabelMatchers.MatchesEverything(matchers))
        {
            errors.Add("matchers", "every matcher here also matches alerts that lack the label, so the silence would cover (nearly) every alert: add one that needs a value, such as service=\"checkout\".");
        }
        var startsAt = Seconds(request.StartsAt ?? now);
        DateTimeOffset? endsAt = null;
        if (request.EndsAt is not null && request.Duration is not null)
        {
            errors.Add("duration", "give endsAt or duration, not both.");
        }
        else if (request.Duration is not null)
        {
            if (Durations.TryParse(request.Duration, out var duration) && duration > TimeSpan.Zero)
            {
                endsAt = startsAt + duration;
            }
            else
            {
                errors.Add("duration", $"'{request.Duration}' is not a duration such as 30m, 2h or 1d12h.");
            }
        }
        else if (request.EndsAt is { } end)
        {
            endsAt = Seconds(end);
        }
        else
        {
            errors.Add("endsAt", "is required (or give duration): silences always end.");
        }
        if (endsAt is { } until)
        {
            var field = request.Duration is null ? "endsAt" : "duration";
            if (until <= startsAt)
            {
                errors.Add(field, "must end after it starts.");
            }
            else if (until - startsAt > MaxLength)
            {
                errors.Add(field, "a silence lasts at most one year; for longer, change the routes or the alert itself.");
            }
            else if (endMustBeAhead && until <= now)
            {
                errors.Add(field, "must end in the future: this silence would be over already.");
            }
        }
        var comment = request.Comment?.Trim();
        if (string.IsNullOrEmpty(comment))
        {
            errors.Add("comment", "is required: why these alerts may be quiet (the change, the incident, the ticket).");
        }
        else if (comment.Length > MaxComment)
        {
            errors.Add("comment", $"must be at most {MaxComment} characters.");
        }
        return errors.IsEmpty ? new SilenceSpec(request.Name!, request.Team, matchers, startsAt, endsAt!.Value, comment!) : null;
    }

    public static string NewName(TimeProvider time) => $"silence-{Guid.CreateVersion7(time.GetUtcNow()).ToString("N")[^8..]}";

    private static DateTimeOffset Seconds(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
