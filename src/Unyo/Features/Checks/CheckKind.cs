using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Features.Checks.Probes;
using Unyo.Features.Catalog;
using Unyo.Features.ConfigAsCode;
using Unyo.Hosting;

namespace Unyo.Features.Checks;

// `kind: Check`. The service is checked against the state the whole apply would leave, so one
// file may hold a service and its checks; targets and locations against what is stored.
public sealed class CheckKind(UnyoDb db, TeamAccess access, TimeProvider time, SecretBox secrets, CheckTargets targets, CheckRoster roster) : IConfigKind
{
    private TargetAllowList _allowed = TargetAllowList.Empty;
    private IReadOnlySet<string> _locations = new HashSet<string> { CheckDefinition.LocalLocation };

    public string Kind => CheckDefinition.KindName;
    public int Order => 25;

    public IConfigDefinition? Parse(ConfigDocument document, Action<string, string> error)
    {
        var name = ConfigDocuments.ReadName(document, "is not used by kind Check: a check belongs to the team of its service (spec.service).", error);
        var spec = ConfigDocuments.ReadSpec<CheckRequest>(document, error);
        if (name is null || spec is null)
        {
            return null;
        }
        var errors = new ValidationErrors();
        var definition = CheckValidator.Validate(spec with { Name = name }, errors);
        ConfigDocuments.Report(errors, error);
        return definition is null ? null : new CheckConfig(definition);
    }

    public async Task<IReadOnlyList<ConfigObject>> LoadAsync(CancellationToken cancellationToken)
    {
        _allowed = await targets.AllowListAsync(cancellationToken);
        _locations = await Locations.ProbeLocationCatalog.NamesAsync(db, cancellationToken);
        return [.. (await db.Checks.AsNoTracking().Select(c => new { Check = c, Service = c.Service!.Name }).ToListAsync(cancellationToken))
            .Select(r => new ConfigObject(new CheckConfig(CheckDefinition.From(r.Check, r.Service)), r.Check.ManagedBy == ManagedBy.Apply))];
    }

    public JsonObject ToDocument(IConfigDefinition definition) => ((CheckConfig)definition).Check.ToDocument();

    public void CheckFinalState(FinalState state, Action<string, string, string> error)
    {
        var services = state.Of("Service");
        foreach (var check in state.Of(Kind).Values.Cast<CheckConfig>().Select(c => c.Check))
        {
            if (state.IsWritten(Kind, check.Name))
            {
                var errors = new ValidationErrors();
                if (check.Probe is { } probe)
                {
                    TargetGuard.CheckAtCreation(probe, _allowed, errors);
                }
                CheckCatalog.CheckLocations(check, _locations, errors);
                foreach (var (field, message) in errors.All)
                {
                    error(check.Name, $"spec.{field}", message);
                }
            }
            if (services.ContainsKey(check.Service))
            {
                continue;
            }
            error(check.Name, "spec.service", state.IsDeleted("Service", check.Service)
                ? $"service '{check.Service}' is being pruned, but this check still probes it; delete the check too (its history goes with it), or keep the service."
                : $"service '{check.Service}' does not exist (and is not in the files, or is being pruned).");
        }
    }

    public Task<bool> CanChangeAsync(ClaimsPrincipal user, IConfigDefinition? before, IConfigDefinition? after, CancellationToken cancellationToken) =>
        access.CanChangeServicesAsync(db, user, new[] { before, after }.OfType<CheckConfig>().Select(c => c.Check.Service), cancellationToken);

    public async Task UpsertAsync(IReadOnlyList<IConfigDefinition> definitions, CancellationToken cancellationToken)
    {
        var wanted = definitions.Cast<CheckConfig>().Select(c => c.Check).ToList();
        var names = wanted.Select(d => d.Name).ToList();
        var serviceNames = wanted.Select(d => d.Service).Distinct().ToList();
        var services = await db.Services.Where(s => serviceNames.Contains(s.Name)).ToDictionaryAsync(s => s.Name, s => s.Id, cancellationToken);
        var existing = await db.Checks.Where(c => names.Contains(c.Name)).ToDictionaryAsync(c => c.Name, cancellationToken);
        var states = await db.CheckStates.Where(s => db.Checks.Any(c => names.Contains(c.Name) && c.Id == s.CheckId)).ToDictionaryAsync(s => s.CheckId, cancellationToken);
        var now = time.StoredNow();
        foreach (var definition in wanted)
        {
            if (!existing.TryGetValue(definition.Name, out var check))
            {
                check = new Check { Id = Guid.CreateVersion7(now), Name = definition.Name, Settings = "", CreatedAt = now };
                db.Checks.Add(check);
                db.CheckStates.Add(new CheckState { CheckId = check.Id, Status = definition.Enabled ? CheckStatus.Pending : CheckStatus.Paused, Since = now });
            }
            else if (states.TryGetValue(check.Id, out var state))
            {
                CheckStateRules.Reconfigure(state, CheckDefinition.From(check, definition.Service), definition, now);
            }
            definition.CopyTo(check);
            check.ServiceId = services[definition.Service];
            check.ManagedBy = ManagedBy.Apply;
            check.Revision++;
            check.UpdatedAt = now;
            PingTokens.Fit(check, secrets);
        }
        await db.SaveChangesAsync(cancellationToken);
        roster.Invalidate();
    }

    // Results, minutes and history go with the check (the foreign keys cascade).
    public async Task DeleteAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        await db.Checks.Where(c => names.Contains(c.Name)).ExecuteDeleteAsync(cancellationToken);
        roster.Invalidate();
    }

    public sealed record CheckConfig(CheckDefinition Check) : IServiceOwnedDefinition
    {
        public string Name => Check.Name;
        public string Service => Check.Service;
    }
}
