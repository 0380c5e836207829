using Unyo.Features.Alerts;
using Unyo.Features.Catalog;

namespace Unyo.Features.Incidents.Desk;

// A declaration whose references are resolved: what the API, the pages, the CLI and the rules
// all hand to IncidentDesk.DeclareAsync.
public sealed record Declaration(
    string Title,
    int Severity,
    string? Summary,
    IReadOnlyList<Service> Services,
    bool Private,
    IReadOnlyList<Guid> ViewerTeams,
    Guid? CommanderId,
    IReadOnlyList<Alert> Alerts,
    string Source);
