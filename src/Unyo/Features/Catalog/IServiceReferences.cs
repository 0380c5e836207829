namespace Unyo.Features.Catalog;

// An object of a feature above the catalog that hangs off a service ("SLO checkout-availability").
public sealed record ObjectReference(string Kind, string Name)
{
    public override string ToString() => $"{Kind} {Name}";
}

// Features above the catalog (SLIs, SLOs, …) tell it what still hangs off a service, so that
// deleting the service is refused with their names instead of failing on a foreign key. The
// catalog cannot ask them itself: it stands on a lower floor.
public interface IServiceReferences
{
    Task<IReadOnlyList<ObjectReference>> ToServiceAsync(Guid serviceId, CancellationToken cancellationToken);
}
