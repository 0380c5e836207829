using Microsoft.Extensions.DependencyInjection;
using Unyo.Data;
using Unyo.Features.Incidents;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Incidents;

/// Incidents written straight into the database with the milestones a test needs (minutes after
/// detection), for tests of what is computed from them.
public static class IncidentRows
{
    public static async Task<long> AddAsync(UnyoApp app, string title, int severity, DateTimeOffset detected, Guid[] services,
        double? ackMinutes = null, double? mitigateMinutes = null, double? resolveMinutes = null, bool isPrivate = false, Guid[]? viewers = null, long? mergedInto = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        var incident = new Incident
        {
            Title = title, Severity = severity, Source = "api", DeclaredBy = "test", DeclaredAt = detected.AddMinutes(1), DetectedAt = detected,
            AcknowledgedAt = At(detected, ackMinutes), MitigatedAt = At(detected, mitigateMinutes), ResolvedAt = At(detected, resolveMinutes),
            Status = resolveMinutes is null ? IncidentStatus.Investigating : IncidentStatus.Resolved, Private = isPrivate, MergedIntoId = mergedInto,
            UpdatedAt = detected,
        };
        db.Incidents.Add(incident);
        await db.SaveChangesAsync();
        db.IncidentImpacts.AddRange(services.Select(s => new IncidentImpact { IncidentId = incident.Id, ServiceId = s, AddedAt = detected }));
        db.IncidentViewers.AddRange((viewers ?? []).Select(t => new IncidentViewer { IncidentId = incident.Id, TeamId = t }));
        await db.SaveChangesAsync();
        return incident.Id;
    }

    private static DateTimeOffset? At(DateTimeOffset detected, double? minutes) => minutes is { } m ? detected.AddMinutes(m) : null;
}
