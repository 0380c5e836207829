using System.Globalization;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Silences.Pages;

// What the silence form posts: plain strings, so a refused form comes back exactly as typed.
// Matchers are one per line in amtool's form; the end is a duration or an instant.
public sealed class SilenceForm
{
    public string? Team { get; set; }
    public string? Matchers { get; set; }
    public string? Starts { get; set; }
    public string? Duration { get; set; } = "2h";
    public string? Ends { get; set; }
    public string? Comment { get; set; }

    public SilenceRequest ToRequest(ValidationErrors errors) => new()
    {
        Team = string.IsNullOrWhiteSpace(Team) ? null : Team.Trim(),
        Matchers = [.. Lines(Matchers).Select(line => (LabelMatcherRequest?)new LabelMatcherRequest { Expression = line })],
        StartsAt = Instant(Starts, "startsAt", errors),
        EndsAt = Instant(Ends, "endsAt", errors),
        Duration = string.IsNullOrWhiteSpace(Ends) && !string.IsNullOrWhiteSpace(Duration) ? Duration.Trim() : null,
        Comment = Comment,
    };

    private static IEnumerable<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static DateTimeOffset? Instant(string? text, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        // Pages show UTC: an instant typed without an offset is read as UTC.
        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at;
        }
        errors.Add(field, $"'{text}' is not a time such as 2026-03-01 22:00 (UTC).");
        return null;
    }
}
