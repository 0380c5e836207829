using Unyo.Features.Catalog;

namespace Unyo.Features.Telemetry;

// Features above telemetry (SLOs) tell it what judges an SLI, so that deleting the SLI, or
// moving it to another service, is refused with their names. Telemetry cannot ask them itself:
// it stands on a lower floor.
public interface ISliReferences
{
    Task<IReadOnlyList<ObjectReference>> ToSliAsync(Guid sliId, CancellationToken cancellationToken);
}
