using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Unyo.Client;
using Unyo.Features.ConfigAsCode;
using Unyo.Hosting;

namespace Unyo.Features.Incidents.Policy;

// `kind: IncidentPolicy`, one per organisation (metadata.name: default). Admins change it; pruning
// it brings back the built-in defaults.
public sealed class IncidentPolicyKind(Data.UnyoDb db, IncidentPolicies policies) : IConfigKind
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public string Kind => IncidentPolicySpec.KindName;
    public int Order => 60;

    public IConfigDefinition? Parse(ConfigDocument document, Action<string, string> error)
    {
        var (name, _) = ConfigDocuments.ReadMetadata(document, owned: false, error);
        var spec = ConfigDocuments.ReadSpec<IncidentPolicyDocument>(document, error);
        if (name is not null && name != IncidentPolicySpec.DefaultName)
        {
            error("metadata.name", $"must be '{IncidentPolicySpec.DefaultName}': an organisation has one incident policy.");
            return null;
        }
        if (name is null || spec is null)
        {
            return null;
        }
        var errors = new ValidationErrors();
        var policy = IncidentPolicyValidator.Validate(spec, errors);
        ConfigDocuments.Report(errors, error);
        return policy is null ? null : new PolicyConfig(policy);
    }

    public async Task<IReadOnlyList<ConfigObject>> LoadAsync(CancellationToken cancellationToken)
    {
        var (spec, stored) = await policies.CurrentAsync(cancellationToken);
        return stored is null ? [] : [new ConfigObject(new PolicyConfig(spec), stored.ManagedBy == ManagedBy.Apply)];
    }

    public JsonObject ToDocument(IConfigDefinition definition) =>
        ConfigDocuments.Document(Kind, new JsonObject { ["name"] = IncidentPolicySpec.DefaultName },
            JsonSerializer.SerializeToNode(((PolicyConfig)definition).Policy.ToDocument(), Json)!.AsObject());

    public void CheckFinalState(FinalState state, Action<string, string, string> error)
    {
        var services = state.Of("Service");
        foreach (var config in state.Of(Kind).Values.Cast<PolicyConfig>())
        {
            var written = state.IsWritten(Kind, config.Name);
            for (var i = 0; i < config.Policy.Rules.Count; i++)
            {
                var rule = config.Policy.Rules[i];
                for (var j = 0; j < rule.Services.Count; j++)
                {
                    if (!services.ContainsKey(rule.Services[j]) && (written || state.IsDeleted("Service", rule.Services[j])))
                    {
                        error(config.Name, $"spec.rules[{i}].match.services[{j}]", $"service '{rule.Services[j]}' does not exist (and is not in the files, or is being pruned).");
                    }
                }
            }
        }
    }

    public Task<bool> CanChangeAsync(ClaimsPrincipal user, IConfigDefinition? before, IConfigDefinition? after, CancellationToken cancellationToken) =>
        Task.FromResult(user.IsAdmin());

    public async Task UpsertAsync(IReadOnlyList<IConfigDefinition> definitions, CancellationToken cancellationToken)
    {
        foreach (var definition in definitions.Cast<PolicyConfig>())
        {
            await policies.SaveAsync(definition.Policy, ManagedBy.Apply, expectedRevision: null, source: null, cancellationToken);
        }
    }

    public async Task DeleteAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        foreach (var stored in db.Set<StoredIncidentPolicy>().Where(p => names.Contains(p.Name)))
        {
            db.Remove(stored);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed record PolicyConfig(IncidentPolicySpec Policy) : IConfigDefinition
    {
        public string Name => IncidentPolicySpec.DefaultName;
    }
}
