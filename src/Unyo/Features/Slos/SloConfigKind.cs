using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Features.Catalog;
using Unyo.Features.ConfigAsCode;
using Unyo.Features.Telemetry;
using Unyo.Hosting;

namespace Unyo.Features.Slos;

// `kind: SLO`. The service and the SLI are checked against the state the whole apply would
// leave, so one file may hold a service, its SLI and its SLO in any order.
public sealed class SloConfigKind(UnyoDb db, TeamAccess access, TimeProvider time) : IConfigKind
{
    public string Kind => SloSpec.KindName;
    public int Order => 40;

    public IConfigDefinition? Parse(ConfigDocument document, Action<string, string> error)
    {
        var name = ConfigDocuments.ReadName(document, "is not used by kind SLO: an SLO belongs to the team of its service (spec.service).", error);
        var spec = ConfigDocuments.ReadSpec<SloDocumentSpec>(document, error);
        if (name is null || spec is null)
        {
            return null;
        }
        var errors = new ValidationErrors();
        var definition = SloValidator.Validate(new SloRequest
        {
            Name = name,
            DisplayName = spec.DisplayName,
            Description = spec.Description,
            Service = spec.Service,
            Sli = spec.Sli,
            Objective = spec.Objective,
            Window = spec.Window,
            Calendar = spec.Calendar,
            TimeZone = spec.TimeZone,
            Budgeting = spec.Budgeting,
            TimeSliceTarget = spec.TimeSliceTarget,
            TimeSliceWindow = spec.TimeSliceWindow,
            AlertRules = spec.AlertRules,
            ExcludeMaintenance = spec.ExcludeMaintenance,
        }, errors);
        ConfigDocuments.Report(errors, error);
        return definition is null ? null : new SloConfig(definition);
    }

    public async Task<IReadOnlyList<ConfigObject>> LoadAsync(CancellationToken cancellationToken) =>
        [.. (await db.Slos.AsNoTracking().Select(s => new { Slo = s, Service = s.Service!.Name, Sli = s.Sli!.Name }).ToListAsync(cancellationToken))
            .Select(r => new ConfigObject(new SloConfig(SloSpec.From(r.Slo, r.Service, r.Sli)), r.Slo.ManagedBy == ManagedBy.Apply))];

    public JsonObject ToDocument(IConfigDefinition definition) => ((SloConfig)definition).Slo.ToDocument();

    // Written SLOs are checked in full; stored ones where the plan deletes or changes what they
    // refer to (a service or SLI pruned, an SLI moved to another service).
    public void CheckFinalState(FinalState state, Action<string, string, string> error)
    {
        var services = state.Of("Service");
        var slis = state.Of(SliDefinition.KindName);
        foreach (var slo in state.Of(Kind).Values.Cast<SloConfig>().Select(c => c.Slo))
        {
            var written = state.IsWritten(Kind, slo.Name);
            if (!services.ContainsKey(slo.Service) && (written || state.IsDeleted("Service", slo.Service)))
            {
                error(slo.Name, "spec.service", written
                    ? $"service '{slo.Service}' does not exist (and is not in the files, or is being pruned)."
                    : $"service '{slo.Service}' is being pruned, but this SLO still belongs to it; delete the SLO too, or keep the service.");
            }
            if (!slis.TryGetValue(slo.Sli, out var sli))
            {
                if (written || state.IsDeleted(SliDefinition.KindName, slo.Sli))
                {
                    error(slo.Name, "spec.sli", written
                        ? $"SLI '{slo.Sli}' does not exist (and is not in the files, or is being pruned)."
                        : $"SLI '{slo.Sli}' is being pruned, but this SLO still judges it; delete the SLO too, or keep the SLI.");
                }
            }
            else if (sli is SliConfigKind.SliConfig { Sli.Service: var sliService } && sliService != slo.Service
                && (written || state.IsWritten(SliDefinition.KindName, slo.Sli)))
            {
                error(slo.Name, "spec.sli", SloCatalog.SliOfAnotherService(slo.Sli, sliService, slo.Service));
            }
        }
    }

    public Task<bool> CanChangeAsync(ClaimsPrincipal user, IConfigDefinition? before, IConfigDefinition? after, CancellationToken cancellationToken) =>
        access.CanChangeServicesAsync(db, user, new[] { before, after }.OfType<SloConfig>().Select(c => c.Slo.Service), cancellationToken);

    public async Task UpsertAsync(IReadOnlyList<IConfigDefinition> definitions, CancellationToken cancellationToken)
    {
        var wanted = definitions.Cast<SloConfig>().Select(c => c.Slo).ToList();
        var names = wanted.Select(d => d.Name).ToList();
        var serviceNames = wanted.Select(d => d.Service).Distinct().ToList();
        var sliNames = wanted.Select(d => d.Sli).Distinct().ToList();
        var services = await db.Services.Where(s => serviceNames.Contains(s.Name)).ToDictionaryAsync(s => s.Name, s => s.Id, cancellationToken);
        var slis = await db.Slis.Where(s => sliNames.Contains(s.Name)).ToDictionaryAsync(s => s.Name, s => s.Id, cancellationToken);
        var existing = await db.Slos.Where(s => names.Contains(s.Name)).ToDictionaryAsync(s => s.Name, cancellationToken);
        var now = time.StoredNow();
        foreach (var definition in wanted)
        {
            if (!existing.TryGetValue(definition.Name, out var slo))
            {
                slo = new Slo { Id = Guid.CreateVersion7(now), Name = definition.Name, DisplayName = definition.DisplayName, CreatedAt = now };
                db.Slos.Add(slo);
            }
            definition.CopyTo(slo);
            slo.ServiceId = services[definition.Service];
            slo.SliId = slis[definition.Sli];
            slo.ManagedBy = ManagedBy.Apply;
            slo.Revision++;
            slo.UpdatedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    // Burn alerts go with the SLO (the foreign key cascades).
    public async Task DeleteAsync(IReadOnlyList<string> names, CancellationToken cancellationToken) =>
        await db.Slos.Where(s => names.Contains(s.Name)).ExecuteDeleteAsync(cancellationToken);

    private sealed record SloConfig(SloSpec Slo) : IConfigDefinition
    {
        public string Name => Slo.Name;
    }

    private sealed class SloDocumentSpec
    {
        public string? Service { get; init; }
        public string? Sli { get; init; }
        public string? DisplayName { get; init; }
        public string? Description { get; init; }
        public decimal? Objective { get; init; }
        public string? Window { get; init; }
        public string? Calendar { get; init; }
        public string? TimeZone { get; init; }
        public string? Budgeting { get; init; }
        public decimal? TimeSliceTarget { get; init; }
        public string? TimeSliceWindow { get; init; }
        public List<SloAlertRule>? AlertRules { get; init; }
        public bool? ExcludeMaintenance { get; init; }
    }
}
