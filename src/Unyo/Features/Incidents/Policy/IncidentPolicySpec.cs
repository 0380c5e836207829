using Unyo.Client;
using Unyo.Features.Alerts.Matching;

namespace Unyo.Features.Incidents.Policy;

// The organisation's incident policy, validated. Defaults is what is in force until someone
// stores one: four severities, the four classic roles, and no rules (declaring by itself is a
// choice an organisation makes, not one Unyo makes for it).
public sealed record IncidentPolicySpec(IReadOnlyList<SeverityLevel> Severities, IReadOnlyList<IncidentRole> Roles, IReadOnlyList<IncidentRule> Rules)
{
    public const string KindName = "IncidentPolicy";
    public const string DefaultName = "default";

    public static readonly IncidentPolicySpec Defaults = new(
        [
            new(1, "Critical", "Most users cannot use a tier-1 service, data is at risk, or a security breach: all hands, now."),
            new(2, "Major", "A tier-1 service is badly degraded for many users, or a major feature is down."),
            new(3, "Minor", "Some users see errors or slowness; there is a workaround."),
            new(4, "Low", "Little user impact; worth tracking as an incident."),
        ],
        [
            new(IncidentRole.Commander, "Incident commander", "Runs the response: sets severity and status, hands out roles, decides. Does not debug; keeps everyone working on the same problem.", true),
            new("communications", "Communications lead", "Keeps stakeholders and users told: status-page updates, messages to support, regular internal updates.", false),
            new("operations", "Operations lead", "Leads the hands-on work on the systems: finds and applies the mitigation with the responders.", false),
            new("scribe", "Scribe", "Writes down what happens, when, and what was decided, as notes on the timeline.", false),
        ],
        []);

    public SeverityLevel Severity(int level) => Severities.FirstOrDefault(s => s.Level == level) ?? new(level, $"SEV{level}", "");

    public IncidentRole? Role(string key) => Roles.FirstOrDefault(r => r.Key == key);

    public IncidentPolicyDocument ToDocument() => new()
    {
        Severities = [.. Severities.Select(s => new IncidentSeverityDefinition { Level = s.Level, Name = s.Name, Description = s.Description })],
        Roles = [.. Roles.Select(r => new IncidentRoleDefinition { Key = r.Key, Name = r.Name, Duties = r.Duties, Required = r.Required })],
        Rules = [.. Rules.Select(r => new AutoDeclareRule
        {
            Name = r.Name,
            Match = new AutoDeclareMatch
            {
                Urgency = r.Urgency is { } urgency ? AlertFacts.NameOf(urgency) : null,
                Severities = r.AlertSeverities.Count == 0 ? null : [.. r.AlertSeverities.Select(AlertFacts.NameOf)],
                MaxTier = r.MaxTier,
                Services = r.Services.Count == 0 ? null : r.Services,
                Tags = r.Tags.Count == 0 ? null : r.Tags,
                Labels = r.Labels.Count == 0 ? null : r.Labels,
            },
            Declare = new AutoDeclareAction { Severity = r.Severity, Private = r.Private, Title = r.Title },
        })],
    };
}
