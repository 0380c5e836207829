using Unyo.Features.Alerts.Matching;

namespace Unyo.Features.Alerts.Silences;

// One silence as the book keeps it: its window (End is the early end when it was expired), the
// team it is limited to (null: organisation-wide) and its compiled matchers.
public sealed record SilenceEntry(string Name, string? Team, DateTimeOffset Start, DateTimeOffset End, LabelMatcher[] Matchers)
{
    public bool Covers(AlertFacts facts, DateTimeOffset at)
    {
        if (at < Start || at >= End || (Team is not null && !string.Equals(Team, facts.Team, StringComparison.Ordinal)))
        {
            return false;
        }
        foreach (var matcher in Matchers)
        {
            if (!matcher.Matches(facts))
            {
                return false;
            }
        }
        return true;
    }

    // The service an equality matcher pins this silence to, if any: the snapshot files it under
    // that service so an alert only looks at silences that can concern it.
    public string? PinnedService => Matchers.FirstOrDefault(m => m is { Name: "service", Op: MatchOp.Equal })?.Value;
}
