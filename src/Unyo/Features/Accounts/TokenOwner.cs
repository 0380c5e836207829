using Microsoft.EntityFrameworkCore;

namespace Unyo.Features.Accounts;

// Whose tokens: a person's, or a team's (its service account). Exactly one is set; the team's
// name goes into audit records, so that a team's tokens are told apart from a person's.
public readonly record struct TokenOwner(Guid? UserId, Guid? TeamId, string? TeamName)
{
    public static TokenOwner Person(Guid userId) => new(userId, null, null);

    public static TokenOwner Of(Team team) => new(null, team.Id, team.Name);

    public bool IsTeam => TeamId is not null;

    public IQueryable<ApiToken> Filter(IQueryable<ApiToken> tokens)
    {
        var (user, team) = (UserId, TeamId);
        return team is not null ? tokens.Where(t => t.TeamId == team) : tokens.Where(t => t.UserId == user);
    }

    public Task<ApiToken?> FindAsync(IQueryable<ApiToken> tokens, Guid tokenId, CancellationToken cancellationToken) =>
        Filter(tokens).SingleOrDefaultAsync(t => t.Id == tokenId, cancellationToken);
}
