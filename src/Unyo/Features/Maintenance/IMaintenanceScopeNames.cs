namespace Unyo.Features.Maintenance;

// Which check names exist, so a window that names a check can be refused with the name when
// there is no such check. The checks feature implements it (CheckDirectory): checks call the
// calendar, so maintenance cannot import them. With ValidatesChecks, YAML also checks names
// against the Check documents of an apply.
public interface IMaintenanceScopeNames
{
    bool ValidatesChecks { get; }

    // The names among `names` that are checks.
    Task<IReadOnlySet<string>> ExistingChecksAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken);
}
