using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Audit;
using Unyo.Hosting;

namespace Unyo.Features.Accounts;

// Writes teams and memberships for the API and the UI, so both refuse the same things the same
// way. Refusals are RequestValidationExceptions: the API turns them into problems, pages into
// messages next to the field.
public sealed class TeamCatalog(UnyoDb db, TimeProvider time, AuditLog audit, TokenIssuer tokens, IEnumerable<ITeamReferences> references)
{
    public async Task<Team> CreateAsync(TeamDefinition definition, ManagedBy managedBy, CancellationToken cancellationToken)
    {
        if (await db.Teams.AnyAsync(t => t.Name == definition.Name, cancellationToken))
        {
            throw NameTaken(definition.Name);
        }
        var now = time.StoredNow();
        var team = new Team { Id = Guid.CreateVersion7(now), Name = definition.Name, DisplayName = definition.DisplayName, ManagedBy = managedBy, Revision = 1, CreatedAt = now, UpdatedAt = now };
        definition.CopyTo(team);
        db.Teams.Add(team);
        audit.Record("team.create", "Team", team.Name, null, definition.ToDocument(), managedBy.ToName());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseProvider.IsUniqueViolation(exception))
        {
            throw NameTaken(definition.Name);
        }
        return team;
    }

    public async Task UpdateAsync(Team team, TeamDefinition definition, ManagedBy managedBy, CancellationToken cancellationToken)
    {
        audit.Record("team.update", "Team", team.Name, TeamDefinition.From(team).ToDocument(), definition.ToDocument(), managedBy.ToName());
        definition.CopyTo(team);
        team.ManagedBy = managedBy;
        team.Revision++;
        team.UpdatedAt = time.StoredNow();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RequestValidationException(
                new ValidationErrors().Add("revision", $"team '{team.Name}' was changed by someone else meanwhile; read it again and retry."),
                StatusCodes.Status412PreconditionFailed,
                "The object changed since you read it.");
        }
    }

    // Refuses while the team owns services (or other objects): they would be left without an owner. The team's
    // tokens go with it (the database cascades) and stop working at once; each is audited as revoked.
    public async Task DeleteAsync(Team team, string source, CancellationToken cancellationToken)
    {
        var owned = await db.Services.Where(s => s.TeamId == team.Id).OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(cancellationToken);
        if (owned.Count > 0)
        {
            throw new RequestValidationException(
                new ValidationErrors().Add("services", $"team '{team.Name}' still owns {string.Join(", ", owned)}; give those services to another team first."),
                StatusCodes.Status409Conflict,
                "The team still owns services.");
        }
        var others = new List<string>();
        foreach (var check in references)
        {
            others.AddRange(await check.OwnedByAsync(team.Id, cancellationToken));
        }
        if (others.Count > 0)
        {
            throw new RequestValidationException(
                new ValidationErrors().Add("references", $"team '{team.Name}' still owns {string.Join(", ", others)}; delete them or give them to another team first."),
                StatusCodes.Status409Conflict,
                "The team still owns other objects.");
        }
        audit.Record("team.delete", "Team", team.Name, TeamDefinition.From(team).ToDocument(), null, source);
        foreach (var token in await db.ApiTokens.Where(t => t.TeamId == team.Id).ToListAsync(cancellationToken))
        {
            tokens.RecordRevoked(token, TokenOwner.Of(team), source);
            db.ApiTokens.Remove(token);
        }
        db.Teams.Remove(team);
        await db.SaveChangesAsync(cancellationToken);
    }

    // Adding someone who is already a member changes nothing (and is not an error).
    public async Task<User> AddMemberAsync(Team team, string? email, string source, CancellationToken cancellationToken)
    {
        var normalized = email?.Trim().ToLowerInvariant();
        var user = string.IsNullOrEmpty(normalized) ? null : await db.Users.SingleOrDefaultAsync(u => u.Email == normalized, cancellationToken);
        if (user is null)
        {
            throw new RequestValidationException(new ValidationErrors().Add("email", string.IsNullOrEmpty(normalized)
                ? "is required."
                : $"no user has the email '{normalized}'; an admin creates users first."));
        }
        if (await db.TeamMemberships.AnyAsync(m => m.TeamId == team.Id && m.UserId == user.Id, cancellationToken))
        {
            return user;
        }
        var membership = new TeamMembership { TeamId = team.Id, UserId = user.Id, CreatedAt = time.StoredNow() };
        db.TeamMemberships.Add(membership);
        var record = audit.Record("team.member-add", "Team", team.Name, null, new { member = user.Email }, source);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseProvider.IsUniqueViolation(exception))
        {
            // Added by someone else at the same moment: the outcome is the one asked for.
            db.Entry(membership).State = EntityState.Detached;
            db.Entry(record).State = EntityState.Detached;
        }
        return user;
    }

    public async Task<bool> RemoveMemberAsync(Team team, string email, string source, CancellationToken cancellationToken)
    {
        var normalized = email.Trim().ToLowerInvariant();
        var membership = await db.TeamMemberships.SingleOrDefaultAsync(m => m.TeamId == team.Id && m.User!.Email == normalized, cancellationToken);
        if (membership is null)
        {
            return false;
        }
        db.TeamMemberships.Remove(membership);
        audit.Record("team.member-remove", "Team", team.Name, new { member = normalized }, null, source);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static RequestValidationException NameTaken(string name) =>
        new(new ValidationErrors().Add("name", $"a team named '{name}' already exists."), StatusCodes.Status409Conflict, "The name is taken.");
}
