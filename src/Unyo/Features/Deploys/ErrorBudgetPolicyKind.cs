using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Features.ConfigAsCode;
using Unyo.Hosting;

namespace Unyo.Features.Deploys;

// `kind: ErrorBudgetPolicy`. Services, "one policy per service" and "one default" are checked
// against the state the whole apply would leave, so a file may create services and their policy,
// or move a service from one policy to another, in one go.
public sealed class ErrorBudgetPolicyKind(UnyoDb db, TeamAccess access, TimeProvider time) : IConfigKind
{
    private const string ServiceKind = "Service";

    public string Kind => ErrorBudgetPolicySpec.KindName;
    public int Order => 50;

    public IConfigDefinition? Parse(ConfigDocument document, Action<string, string> error)
    {
        var name = ConfigDocuments.ReadName(document, "is not used by kind ErrorBudgetPolicy: a policy belongs to the teams of its services (spec.services).", error);
        var spec = ConfigDocuments.ReadSpec<PolicyDocumentSpec>(document, error);
        if (name is null || spec is null)
        {
            return null;
        }
        var errors = new ValidationErrors();
        var definition = ErrorBudgetPolicyValidator.Validate(new ErrorBudgetPolicyRequest
        {
            Name = name,
            Description = spec.Description,
            Default = spec.Default,
            Services = spec.Services,
            Steps = spec.Steps,
            FreezeWhilePaging = spec.FreezeWhilePaging,
            ExemptLabels = spec.ExemptLabels,
        }, errors);
        ConfigDocuments.Report(errors, error);
        return definition is null ? null : new PolicyConfig(definition);
    }

    public async Task<IReadOnlyList<ConfigObject>> LoadAsync(CancellationToken cancellationToken) =>
        [.. (await db.ErrorBudgetPolicies.AsNoTracking().Select(p => new { Policy = p, Services = p.Services.Select(s => s.Service!.Name).ToList() }).AsSplitQuery().ToListAsync(cancellationToken))
            .Select(r => new ConfigObject(new PolicyConfig(ErrorBudgetPolicySpec.From(r.Policy, r.Services)), r.Policy.ManagedBy == ManagedBy.Apply))];

    public JsonObject ToDocument(IConfigDefinition definition) => ((PolicyConfig)definition).Policy.ToDocument();

    // Written policies are checked in full; stored ones where the plan prunes a service they
    // govern, or where a written policy now claims one of their services or the default.
    public void CheckFinalState(FinalState state, Action<string, string, string> error)
    {
        var services = state.Of(ServiceKind);
        var policies = state.Of(Kind).Values.Cast<PolicyConfig>().Select(c => c.Policy).ToList();
        var holders = policies.SelectMany(p => p.Services.Select(s => (Service: s, Policy: p.Name)))
            .ToLookup(h => h.Service, h => h.Policy, StringComparer.Ordinal);
        var defaults = policies.Where(p => p.IsDefault).Select(p => p.Name).ToList();
        foreach (var policy in policies)
        {
            var written = state.IsWritten(Kind, policy.Name);
            for (var i = 0; i < policy.Services.Count; i++)
            {
                var service = policy.Services[i];
                if (!services.ContainsKey(service) && (written || state.IsDeleted(ServiceKind, service)))
                {
                    error(policy.Name, $"spec.services[{i}]", written
                        ? $"service '{service}' does not exist (and is not in the files, or is being pruned)."
                        : $"service '{service}' is being pruned, but this policy still governs it; take it out of the policy too, or keep the service.");
                }
                var others = holders[service].Where(p => p != policy.Name).ToList();
                if (others.Count > 0 && (written || others.Any(o => state.IsWritten(Kind, o))))
                {
                    error(policy.Name, $"spec.services[{i}]", $"service '{service}' is also governed by policy {string.Join(", ", others.Select(o => $"'{o}'"))}: a service follows at most one policy.");
                }
            }
            var otherDefaults = defaults.Where(d => d != policy.Name).ToList();
            if (policy.IsDefault && otherDefaults.Count > 0 && (written || otherDefaults.Any(o => state.IsWritten(Kind, o))))
            {
                error(policy.Name, "spec.default", $"policy {string.Join(", ", otherDefaults.Select(o => $"'{o}'"))} is the organisation default too: there is at most one.");
            }
        }
    }

    public async Task<bool> CanChangeAsync(ClaimsPrincipal user, IConfigDefinition? before, IConfigDefinition? after, CancellationToken cancellationToken)
    {
        var touched = new[] { before, after }.OfType<PolicyConfig>().Select(c => (c.Policy.IsDefault, c.Policy.Services)).ToList();
        // A service that is not stored yet is created by this same apply, authorised against its team.
        return await access.RefusalAsync(db, user, touched, cancellationToken) is null;
    }

    public async Task UpsertAsync(IReadOnlyList<IConfigDefinition> definitions, CancellationToken cancellationToken)
    {
        var wanted = definitions.Cast<PolicyConfig>().Select(c => c.Policy).ToList();
        var names = wanted.Select(p => p.Name).ToList();
        var serviceNames = wanted.SelectMany(p => p.Services).Distinct().ToList();
        var services = await db.Services.Where(s => serviceNames.Contains(s.Name)).ToDictionaryAsync(s => s.Name, s => s.Id, cancellationToken);
        var existing = await db.ErrorBudgetPolicies.Where(p => names.Contains(p.Name)).ToDictionaryAsync(p => p.Name, cancellationToken);
        // The final state was checked: a service or the default held elsewhere now is held by a
        // policy this apply prunes (deleted after the upserts) or changes. Let go of them first,
        // so the unique indexes never see both.
        var serviceIds = services.Values.ToList();
        var existingIds = existing.Values.Select(p => p.Id).ToList();
        await db.ErrorBudgetPolicyServices.Where(s => existingIds.Contains(s.PolicyId) || serviceIds.Contains(s.ServiceId)).ExecuteDeleteAsync(cancellationToken);
        if (wanted.Any(p => p.IsDefault))
        {
            await db.ErrorBudgetPolicies.Where(p => p.IsDefault && !names.Contains(p.Name)).ExecuteUpdateAsync(u => u.SetProperty(p => p.IsDefault, false), cancellationToken);
        }
        foreach (var policy in existing.Values.Where(p => p.IsDefault))
        {
            policy.IsDefault = false;
        }
        await db.SaveChangesAsync(cancellationToken);

        var now = time.StoredNow();
        foreach (var definition in wanted)
        {
            if (!existing.TryGetValue(definition.Name, out var policy))
            {
                policy = new ErrorBudgetPolicy { Id = Guid.CreateVersion7(now), Name = definition.Name, CreatedAt = now };
                db.ErrorBudgetPolicies.Add(policy);
            }
            definition.CopyTo(policy);
            policy.Services = [.. definition.Services.Select(s => new ErrorBudgetPolicyService { PolicyId = policy.Id, ServiceId = services[s] })];
            policy.ManagedBy = ManagedBy.Apply;
            policy.Revision++;
            policy.UpdatedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    // Their services fall back to the default (the link rows cascade).
    public async Task DeleteAsync(IReadOnlyList<string> names, CancellationToken cancellationToken) =>
        await db.ErrorBudgetPolicies.Where(p => names.Contains(p.Name)).ExecuteDeleteAsync(cancellationToken);

    private sealed record PolicyConfig(ErrorBudgetPolicySpec Policy) : IConfigDefinition
    {
        public string Name => Policy.Name;
    }

    private sealed class PolicyDocumentSpec
    {
        public string? Description { get; init; }
        public bool? Default { get; init; }
        public List<string>? Services { get; init; }
        public List<ErrorBudgetPolicyStep>? Steps { get; init; }
        public bool? FreezeWhilePaging { get; init; }
        public List<string>? ExemptLabels { get; init; }
    }
}
