using Microsoft.Extensions.DependencyInjection;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Features.Catalog;
using Unyo.Features.Incidents;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Postmortems;

/// Incidents written as rows until the incidents API is merged; swap these for POST
/// /api/v1/incidents then. Kept small on purpose.
public static class IncidentKit
{
    public static async Task<(Guid TeamId, string Team, Guid ServiceId, string Service)> ServiceAsync(UnyoApp app)
    {
        var (team, service) = (Names.Unique("pm-team"), Names.Unique("pm-svc"));
        var now = TimeProvider.System.GetUtcNow();
        var teamRow = new Team { Id = Guid.NewGuid(), Name = team, DisplayName = team, CreatedAt = now, UpdatedAt = now };
        var serviceRow = new Service { Id = Guid.NewGuid(), Name = service, DisplayName = service, TeamId = teamRow.Id, Tier = 1, CreatedAt = now, UpdatedAt = now };
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        db.AddRange(teamRow, serviceRow);
        await db.SaveChangesAsync();
        return (teamRow.Id, team, serviceRow.Id, service);
    }

    /// A resolved incident on the service, detected at `detected`, with a declaration and a note on its timeline.
    public static async Task<long> IncidentAsync(UnyoApp app, Guid serviceId, DateTimeOffset detected, DateTimeOffset? resolved, string title = "Checkout errors", Guid? privateTo = null)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        var incident = new Incident
        {
            Title = title, Severity = 2, Status = resolved is null ? IncidentStatus.Investigating : IncidentStatus.Resolved, Source = "api",
            DeclaredBy = "ic@example.test", DeclaredAt = detected, DetectedAt = detected, ResolvedAt = resolved, Private = privateTo is not null, UpdatedAt = detected,
        };
        db.Incidents.Add(incident);
        await db.SaveChangesAsync();
        db.IncidentImpacts.Add(new IncidentImpact { IncidentId = incident.Id, ServiceId = serviceId, AddedAt = detected });
        if (privateTo is { } team)
        {
            db.IncidentViewers.Add(new IncidentViewer { IncidentId = incident.Id, TeamId = team });
        }
        db.IncidentTimeline.Add(new IncidentTimelineEntry { IncidentId = incident.Id, At = detected, Kind = IncidentTimelineKind.Declared, Actor = "ic@example.test", Text = "Declared SEV2" });
        db.IncidentTimeline.Add(new IncidentTimelineEntry { IncidentId = incident.Id, At = detected.AddMinutes(5), Kind = IncidentTimelineKind.Note, Actor = "ic@example.test", Text = "Rolled back **deploy 41**\nerrors falling" });
        await db.SaveChangesAsync();
        return incident.Id;
    }
}
