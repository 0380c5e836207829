using System.Security.Claims;
using System.Text.Json.Nodes;

namespace Unyo.Features.ConfigAsCode;

// An object that configuration as code can create, diff, export and prune.
public interface IConfigDefinition
{
    string Name { get; }
}

// An object as it is stored now.
public sealed record ConfigObject(IConfigDefinition Definition, bool ManagedByApply);

// A YAML kind. Features register theirs with `AddScoped<IConfigKind, XxxKind>()`; the apply
// engine plans, authorises and writes all kinds in one transaction, in `Order`, and deletes in
// reverse order.
public interface IConfigKind
{
    string Kind { get; }

    // Teams before services: what others refer to is written first and deleted last.
    int Order { get; }

    // Validates a document; errors are keyed by document path (`spec.tier`, `metadata.team`).
    IConfigDefinition? Parse(ConfigDocument document, Action<string, string> error);

    Task<IReadOnlyList<ConfigObject>> LoadAsync(CancellationToken cancellationToken);

    // The canonical document: plans diff it, exports write it.
    JsonObject ToDocument(IConfigDefinition definition);

    // Checks references across objects in the state the plan would leave (every kind's objects
    // after creates, updates and deletes). `error(name, path, message)` reports on one object.
    void CheckFinalState(FinalState state, Action<string, string, string> error);

    Task<bool> CanChangeAsync(ClaimsPrincipal user, IConfigDefinition? before, IConfigDefinition? after, CancellationToken cancellationToken);

    // Whether the user may see this kind's stored objects at all: in exports, and in the field
    // changes of a plan. Most kinds are for everyone who may read; some are admin business.
    bool CanRead(ClaimsPrincipal user) => true;

    Task UpsertAsync(IReadOnlyList<IConfigDefinition> definitions, CancellationToken cancellationToken);

    Task DeleteAsync(IReadOnlyList<string> names, CancellationToken cancellationToken);
}

// Name → definition of every object of every kind, as the plan would leave them, and which
// names the plan creates or changes (Written) and deletes (Deleted). Stored objects that the plan
// leaves alone were consistent when stored; kinds check them only where a deletion touches them.
public sealed class FinalState(
    IReadOnlyDictionary<string, Dictionary<string, IConfigDefinition>> objects,
    IReadOnlySet<(string Kind, string Name)> written,
    IReadOnlySet<(string Kind, string Name)> deleted)
{
    public IReadOnlyDictionary<string, IConfigDefinition> Of(string kind) =>
        objects.TryGetValue(kind, out var byName) ? byName : new Dictionary<string, IConfigDefinition>();

    public bool IsWritten(string kind, string name) => written.Contains((kind, name));

    public bool IsDeleted(string kind, string name) => deleted.Contains((kind, name));

    public bool AnyWritten(string kind) => written.Any(w => w.Kind == kind);
}
