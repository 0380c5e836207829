using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Audit;
using Unyo.Hosting;

namespace Unyo.Features.Accounts.Sso;

// Applies a provider's group mappings at every sign-in: the highest role that the person's
// groups grant becomes their role, and they join every team their groups grant. Nothing is taken
// away: leaving a group at the provider does not remove a membership here, and owners keep
// their role (the last-owner rule is not for an identity provider to break).
public sealed class GroupSync(UnyoDb db, AuditLog audit, TimeProvider time)
{
    public const string Source = "sso";

    // Returns the teams that mappings name but that no longer exist, for the sign-in record.
    public async Task<IReadOnlyList<string>> ApplyAsync(User user, IdentityProviderDefinition provider, IReadOnlySet<string> groups, CancellationToken cancellationToken)
    {
        var matched = provider.GroupMappings.Where(m => groups.Contains(m.Group)).ToList();
        var granted = matched.Select(m => m.Role).OfType<OrgRole>().ToList();
        if (granted.Count > 0 && user.Role != OrgRole.Owner && granted.Max() is var role && role != user.Role)
        {
            var before = UserEndpoints.Snapshot(user);
            user.Role = role;
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            audit.Record("user.update", "User", user.Email, before, UserEndpoints.Snapshot(user), Source);
        }

        var wanted = matched.Select(m => m.Team).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return [];
        }
        var teams = await db.Teams.Where(t => wanted.Contains(t.Name)).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken);
        var ids = teams.Select(t => t.Id).ToList();
        var already = await db.TeamMemberships.Where(m => m.UserId == user.Id && ids.Contains(m.TeamId)).Select(m => m.TeamId).ToListAsync(cancellationToken);
        foreach (var team in teams.Where(t => !already.Contains(t.Id)))
        {
            db.TeamMemberships.Add(new TeamMembership { TeamId = team.Id, UserId = user.Id, CreatedAt = time.StoredNow() });
            audit.Record("team.member-add", "Team", team.Name, null, new { member = user.Email }, Source);
        }
        return [.. wanted.Except(teams.Select(t => t.Name), StringComparer.Ordinal)];
    }
}
