namespace Unyo.Features.Maintenance;

// Which check names exist, so a window that names a check can be refused with the name when
// there is no such check. Checks stand beside maintenance (floor 2) and may be built after it:
// until they are wired in, AnyCheckName is registered, which knows no checks and takes every name
// as written. Wiring checks in means registering an implementation over the Checks table with
// ValidatesChecks = true; YAML then also checks names against the Check documents of an apply.
public interface IMaintenanceScopeNames
{
    bool ValidatesChecks { get; }

    // The names among `names` that are checks.
    Task<IReadOnlySet<string>> ExistingChecksAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken);
}
