using System.Security.Claims;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.Incidents;

// Private incidents (security incidents, for example) are seen only by admins and by the teams
// named on them; everything that lists or shows incidents (API, pages, postmortems, search)
// filters through here so that no path forgets.
public static class IncidentVisibility
{
    public static IQueryable<Incident> VisibleTo(this IQueryable<Incident> incidents, UnyoDb db, ClaimsPrincipal user)
    {
        if (user.IsAdmin())
        {
            return incidents;
        }
        if (user.TeamId() is { } tokenTeam)
        {
            return incidents.Where(i => !i.Private || db.IncidentViewers.Any(v => v.IncidentId == i.Id && v.TeamId == tokenTeam));
        }
        var userId = user.UserId();
        return incidents.Where(i => !i.Private || db.IncidentViewers.Any(v => v.IncidentId == i.Id
            && db.TeamMemberships.Any(m => m.TeamId == v.TeamId && m.UserId == userId)));
    }
}
