namespace Unyo.Features.Maintenance;

// The scope names in force until checks are wired in: no check is known, so every check name is
// taken as written (see IMaintenanceScopeNames).
public sealed class AnyCheckName : IMaintenanceScopeNames
{
    public bool ValidatesChecks => false;

    public Task<IReadOnlySet<string>> ExistingChecksAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<string>>(names.ToHashSet(StringComparer.Ordinal));
}
