using System.Globalization;
using System.Text;
using Unyo.Features.Incidents;

namespace Unyo.Features.Postmortems;

// The six steps and the blameless guidance that opens each one. The guidance is Markdown placed
// in the sections of a new postmortem, as a block quote people overwrite or keep.
public static class PostmortemTemplate
{
    public const string RecordGuidance =
        "> **Step 1: the record.** Tell what happened in order, as the people involved saw it at the time. " +
        "Describe decisions with the information that was available then; hindsight is not a finding. " +
        "Name systems and steps, not culprits.\n\n";

    public const string ImpactGuidance =
        "> **Step 2: impact.** Unyo measured the duration, the services, the alerts and the error budget spent. " +
        "Say what it meant for users, for revenue and for trust. Publishing needs this section.\n\n";

    public const string RootCauseGuidance =
        "> **Step 3: root-cause analysis.** Ask why until you reach conditions the team can change. " +
        "Incidents have several contributing factors; list each one. \"Human error\" is where the analysis starts, not where it ends.\n\n";

    public const string FixesGuidance =
        "> **Step 4: fixes.** Short term: what stops it happening again next week. " +
        "Long term: what removes the class of problem. Prefer changes to systems over changes to people.\n\n";

    public const string ReportGuidance =
        "> **Step 5: the report.** A few paragraphs for readers outside the team: what happened, the impact, why, and what changes.\n\n";

    public const string FollowUpGuidance =
        "> **Step 6: follow-up.** Each fix becomes an action item with an owner and a due date. " +
        "The postmortem is complete when every item is done, or declined with a reason.\n\n";

    public static Postmortem New(Incident incident, IReadOnlyList<IncidentTimelineEntry> timeline, string createdBy, DateTimeOffset now) => new()
    {
        IncidentId = incident.Id,
        Title = Title(incident.Title),
        State = PostmortemState.Draft,
        Record = RecordGuidance,
        Timeline = TimelineMarkdown(timeline),
        TimelineImportedAt = now,
        ImpactSummary = ImpactGuidance,
        RootCause = RootCauseGuidance,
        FixesShortTerm = FixesGuidance,
        FixesLongTerm = "",
        Report = ReportGuidance,
        FollowUp = FollowUpGuidance,
        CreatedBy = createdBy,
        CreatedAt = now,
        UpdatedAt = now,
        Revision = 1,
    };

    // An incident's title may already use the whole length; the prefix must not push it past the column.
    public static string Title(string incidentTitle)
    {
        var title = $"Postmortem: {incidentTitle}";
        return title.Length <= PostmortemLimits.Title ? title : title[..(PostmortemLimits.Title - 1)] + "…";
    }

    // The guidance alone is not an impact assessment: a section that still holds only it is empty.
    public static bool IsGuidanceOnly(string text) => string.IsNullOrWhiteSpace(text) || text.Trim() == ImpactGuidance.Trim();

    // One Markdown list line per entry, oldest first. Notes span lines; in a list they are joined,
    // and every line stays Markdown that SafeMarkdown renders inert.
    public static string TimelineMarkdown(IReadOnlyList<IncidentTimelineEntry> timeline)
    {
        if (timeline.Count == 0)
        {
            return "_The incident's timeline was empty._\n";
        }
        var text = new StringBuilder();
        foreach (var entry in timeline)
        {
            var line = string.Join(' ', (entry.Text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            text.Append(CultureInfo.InvariantCulture, $"- **{entry.At.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC** · {entry.Kind} · {entry.Actor}");
            text.Append(line.Length == 0 ? "\n" : $": {line}\n");
        }
        return text.ToString();
    }
}
