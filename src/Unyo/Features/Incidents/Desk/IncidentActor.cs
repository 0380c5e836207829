using System.Security.Claims;
using Unyo.Hosting;

namespace Unyo.Features.Incidents.Desk;

// Who does something to an incident: a person (with a user id, who can hold a role) or a team
// token (a name only), or Unyo itself for what rules and alerts do.
public sealed record IncidentActor(string Name, Guid? UserId)
{
    public static readonly IncidentActor Unyo = new("unyo", null);

    public bool IsPerson => UserId is not null;

    public static IncidentActor From(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "unknown", user.UserId() is var id && id != Guid.Empty ? id : null);
}
