namespace Unyo.Features.Accounts;

// Features above accounts (maintenance windows, …) tell it what a team still owns besides its
// services, so that deleting the team is refused with their names instead of failing on a
// foreign key. Each entry reads as "MaintenanceWindow patch-day".
public interface ITeamReferences
{
    Task<IReadOnlyList<string>> OwnedByAsync(Guid teamId, CancellationToken cancellationToken);
}
