using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Accounts;

public static class AccountMapping
{
    public static UserResponse ToResponse(User user) => new(
        user.Id, user.Email, user.DisplayName, user.Role.ToName(),
        [.. user.Memberships.Select(m => m.Team!.Name).Order(StringComparer.Ordinal)], user.CreatedAt, user.Disabled);

    public static TeamResponse ToResponse(Team team, IEnumerable<string> services) => new(
        team.Name, team.DisplayName, team.Description,
        [.. team.Memberships.Select(m => new TeamMember(m.User!.Email, m.User.DisplayName)).OrderBy(m => m.Email, StringComparer.Ordinal)],
        [.. services.Order(StringComparer.Ordinal)],
        team.ManagedBy.ToName(), team.Revision, team.CreatedAt, team.UpdatedAt);

    public static TokenResponse ToResponse(ApiToken token) =>
        new(token.Id, token.Name, token.Prefix, token.CreatedAt, token.ExpiresAt, token.LastUsedAt, token.LastUsedFrom, token.Scope.ToName());
}
