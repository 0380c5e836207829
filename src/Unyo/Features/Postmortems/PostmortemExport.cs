using System.Globalization;
using System.Text;
using Unyo.Client;

namespace Unyo.Features.Postmortems;

// The postmortem as one Markdown document, in the six steps, for wikis and repositories.
public static class PostmortemExport
{
    public static string Markdown(PostmortemResponse p)
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');
        void Section(string heading, string body)
        {
            Line($"### {heading}");
            Line();
            Line(string.IsNullOrWhiteSpace(body) ? "_Nothing written._" : body.TrimEnd());
            Line();
        }

        Line($"# {p.Title}");
        Line();
        Line($"Incident {p.Incident} · {PostmortemNames.ParseState(p.State)?.Label()} · {(p.Complete ? "complete" : "not complete")} · updated {Utc(p.UpdatedAt)}");
        Line();
        Line("## 1. Record of the incident");
        Line();
        Section("What happened", p.Record);
        Section($"Timeline (imported {Utc(p.TimelineImportedAt)})", p.Timeline);
        Line("## 2. Impact");
        Line();
        Line($"- Duration: {PostmortemText.Duration(p.Impact.Duration)} ({Utc(p.Impact.DetectedAt)} → {(p.Impact.ResolvedAt is { } resolved ? Utc(resolved) : "not resolved")})");
        Line($"- Affected services: {(p.Impact.Services.Count == 0 ? "none recorded" : string.Join(", ", p.Impact.Services))}");
        Line($"- Linked alerts: {(p.Impact.Alerts.Count == 0 ? "none" : string.Join(", ", p.Impact.Alerts.Select(a => $"#{a}")))}");
        foreach (var budget in p.Impact.Budgets)
        {
            Line($"- SLO {budget.Slo} ({budget.Service}): {PostmortemText.Spent(budget)}");
        }
        Line($"- Users: {Or(p.ImpactUsers)}");
        Line($"- Revenue: {Or(p.ImpactRevenue)}");
        Line($"- Reputation: {Or(p.ImpactReputation)}");
        Line();
        Section("Assessment", p.ImpactSummary);
        Line("## 3. Root-cause analysis");
        Line();
        Section("Root cause", p.RootCause);
        Line("### Contributing factors");
        Line();
        Line(p.ContributingFactors.Count == 0 ? "_None listed._" : string.Join('\n', p.ContributingFactors.Select(f => $"- {f}")));
        Line();
        Line("## 4. Fixes");
        Line();
        Section("Short term", p.FixesShortTerm);
        Section("Long term", p.FixesLongTerm);
        Line("## 5. Report");
        Line();
        Line(string.IsNullOrWhiteSpace(p.Report) ? "_Nothing written._" : p.Report.TrimEnd());
        Line();
        Line("## 6. Follow-up");
        Line();
        if (!string.IsNullOrWhiteSpace(p.FollowUp))
        {
            Line(p.FollowUp.TrimEnd());
            Line();
        }
        Line("| # | Action item | Owner | Due | Priority | Status | Ticket |");
        Line("|---|---|---|---|---|---|---|");
        foreach (var item in p.ActionItems)
        {
            var status = item.Status == "declined" ? $"declined: {Cell(item.DeclineReason ?? "")}" : item.Status.Replace('_', ' ') + (item.Overdue ? " (overdue)" : "");
            Line($"| {item.Id} | {Cell(item.Title)} | {item.Owner ?? "nobody"} | {item.Due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? ""} | {item.Priority} | {status} | {item.TicketUrl ?? ""} |");
        }
        return text.ToString();
    }

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Or(string text) => string.IsNullOrWhiteSpace(text) ? "_not assessed_" : text;

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}
