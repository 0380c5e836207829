using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Features.Catalog;
using Unyo.Features.ConfigAsCode;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Integrations;

// `kind: Integration`. The key is never in the file: applying a new integration makes one, which
// the service page and the API show; applying again keeps it, and exports leave it out.
public sealed class IntegrationConfigKind(UnyoDb db, TeamAccess access, TimeProvider time, SecretBox secrets, IntegrationDirectory directory) : IConfigKind
{
    private Dictionary<string, IntegrationKind> _storedKinds = [];

    public string Kind => IntegrationSpec.KindName;
    // After services, which integrations hang off.
    public int Order => 45;

    public IConfigDefinition? Parse(ConfigDocument document, Action<string, string> error)
    {
        var (name, team) = ConfigDocuments.ReadMetadata(document, owned: true, error);
        var spec = ConfigDocuments.ReadSpec<IntegrationDocumentSpec>(document, error);
        if (name is null || team is null || spec is null)
        {
            return null;
        }
        var errors = new ValidationErrors();
        var definition = IntegrationValidator.Validate(new IntegrationRequest { Name = name, Service = spec.Service, Kind = spec.Type, Mapping = spec.Mapping, Urgency = spec.Urgency, AutoResolveAfter = spec.AutoResolveAfter }, errors);
        foreach (var (field, message) in errors.All)
        {
            error(field switch { "name" => "metadata.name", "kind" => "spec.type", _ => $"spec.{field}" }, message);
        }
        return definition is null ? null : new IntegrationConfig(definition, team);
    }

    public async Task<IReadOnlyList<ConfigObject>> LoadAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Integrations.AsNoTracking()
            .Select(i => new { Integration = i, Service = i.Service!.Name, Team = i.Service.Team!.Name })
            .ToListAsync(cancellationToken);
        _storedKinds = rows.ToDictionary(r => r.Integration.Name, r => r.Integration.Kind);
        return [.. rows.Select(r => new ConfigObject(new IntegrationConfig(IntegrationSpec.From(r.Integration, r.Service), r.Team), r.Integration.ManagedBy == ManagedBy.Apply))];
    }

    public JsonObject ToDocument(IConfigDefinition definition) => ((IntegrationConfig)definition).ToDocument();

    public void CheckFinalState(FinalState state, Action<string, string, string> error)
    {
        var services = state.Of("Service");
        foreach (var integration in state.Of(Kind).Values.Cast<IntegrationConfig>())
        {
            var written = state.IsWritten(Kind, integration.Name);
            if (!services.TryGetValue(integration.Service, out var service))
            {
                if (written || state.IsDeleted("Service", integration.Service))
                {
                    error(integration.Name, "spec.service", written
                        ? $"service '{integration.Service}' does not exist (and is not in the files, or is being pruned)."
                        : $"service '{integration.Service}' is being pruned, but this integration still sends it alerts; delete the integration too, or keep the service.");
                }
                continue;
            }
            if (written && service is ITeamOwnedDefinition { Team: var owner } && owner != integration.Team)
            {
                error(integration.Name, "metadata.team", $"must be '{owner}', the team of service '{integration.Service}'.");
            }
            if (written && _storedKinds.TryGetValue(integration.Name, out var stored) && stored != integration.Spec.Kind)
            {
                error(integration.Name, "spec.type", $"is {IntegrationSpec.KindText(stored)} and cannot change: the key opens one intake. Use another name for a {IntegrationSpec.KindText(integration.Spec.Kind)} integration.");
            }
        }
    }

    public Task<bool> CanChangeAsync(ClaimsPrincipal user, IConfigDefinition? before, IConfigDefinition? after, CancellationToken cancellationToken) =>
        access.CanChangeServicesAsync(db, user, new[] { before, after }.OfType<IntegrationConfig>().Select(c => c.Service), cancellationToken);

    public async Task UpsertAsync(IReadOnlyList<IConfigDefinition> definitions, CancellationToken cancellationToken)
    {
        var wanted = definitions.Cast<IntegrationConfig>().Select(c => c.Spec).ToList();
        var names = wanted.Select(d => d.Name).ToList();
        var serviceNames = wanted.Select(d => d.Service).Distinct().ToList();
        var services = await db.Services.Where(s => serviceNames.Contains(s.Name)).ToDictionaryAsync(s => s.Name, s => s.Id, cancellationToken);
        var existing = await db.Integrations.Where(i => names.Contains(i.Name)).ToDictionaryAsync(i => i.Name, cancellationToken);
        var now = time.StoredNow();
        foreach (var definition in wanted)
        {
            if (!existing.TryGetValue(definition.Name, out var integration))
            {
                var key = IntegrationKeys.New();
                integration = new Integration { Id = Guid.CreateVersion7(now), Name = definition.Name, KeyHash = IntegrationKeys.Hash(key), SealedKey = secrets.Seal(key), CreatedAt = now };
                db.Integrations.Add(integration);
            }
            definition.CopyTo(integration);
            integration.ServiceId = services[definition.Service];
            integration.ManagedBy = ManagedBy.Apply;
            integration.Revision++;
            integration.UpdatedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
        directory.Forget();
    }

    public async Task DeleteAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        await db.Integrations.Where(i => names.Contains(i.Name)).ExecuteDeleteAsync(cancellationToken);
        directory.Forget();
    }

    public sealed record IntegrationConfig(IntegrationSpec Spec, string Team) : IServiceOwnedDefinition
    {
        public string Name => Spec.Name;
        public string Service => Spec.Service;

        public JsonObject ToDocument() => Spec.ToDocument(Team);
    }

    private sealed class IntegrationDocumentSpec
    {
        public string? Service { get; init; }
        public string? Type { get; init; }
        public JsonElement? Mapping { get; init; }
        public JsonElement? Urgency { get; init; }
        public string? AutoResolveAfter { get; init; }
    }
}
