using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Features.Catalog;
using Unyo.Features.ConfigAsCode;
using Unyo.Hosting;
using Unyo.Features.Telemetry.Ingest;

namespace Unyo.Features.Telemetry;

// `kind: SLI` (named ...ConfigKind because SliKind is ratio or latency). The service is checked
// against the state the whole apply would leave, so one file may hold a service and its SLIs.
public sealed class SliConfigKind(UnyoDb db, TeamAccess access, TimeProvider time, SliDirectory directory) : IConfigKind
{
    public string Kind => SliDefinition.KindName;
    public int Order => 30;

    public IConfigDefinition? Parse(ConfigDocument document, Action<string, string> error)
    {
        var name = ConfigDocuments.ReadName(document, "is not used by kind SLI: an SLI belongs to the team of its service (spec.service).", error);
        var spec = ConfigDocuments.ReadSpec<SliSpec>(document, error);
        if (name is null || spec is null)
        {
            return null;
        }
        var errors = new ValidationErrors();
        var definition = SliValidator.Validate(new SliRequest
        {
            Name = name,
            Service = spec.Service,
            Description = spec.Description,
            Kind = spec.Kind,
            LatencyThresholdMs = spec.LatencyThresholdMs,
            Source = spec.Source,
            Otlp = spec.Otlp,
            Prometheus = spec.Prometheus,
            Check = spec.Check,
        }, errors);
        ConfigDocuments.Report(errors, error);
        return definition is null ? null : new SliConfig(definition);
    }

    public async Task<IReadOnlyList<ConfigObject>> LoadAsync(CancellationToken cancellationToken) =>
        [.. (await db.Slis.AsNoTracking().Select(s => new { Sli = s, Service = s.Service!.Name }).ToListAsync(cancellationToken))
            .Select(r => new ConfigObject(new SliConfig(SliDefinition.From(r.Sli, r.Service)), r.Sli.ManagedBy == ManagedBy.Apply))];

    public JsonObject ToDocument(IConfigDefinition definition) => ((SliConfig)definition).Sli.ToDocument();

    // Written SLIs need their service; stored ones only where the plan deletes it (a prune of a
    // service that still has SLIs is refused here, by name, rather than by the foreign key).
    public void CheckFinalState(FinalState state, Action<string, string, string> error)
    {
        var services = state.Of("Service");
        var checks = state.Of("Check");
        foreach (var sli in state.Of(Kind).Values.Cast<SliConfig>().Select(c => c.Sli))
        {
            if (sli.Settings.Check is { } check && (state.IsWritten(Kind, sli.Name) || state.IsDeleted("Check", check)))
            {
                if (!checks.TryGetValue(check, out var found))
                {
                    error(sli.Name, "spec.check", state.IsDeleted("Check", check)
                        ? $"check '{check}' is being pruned, but this SLI still counts its results; delete the SLI too, or keep the check."
                        : $"check '{check}' does not exist (and is not in the files).");
                }
                else if (found is IServiceOwnedDefinition { Service: var checkService } && checkService != sli.Service)
                {
                    error(sli.Name, "spec.check", $"check '{check}' belongs to service '{checkService}'; an SLI measures the users of its own service.");
                }
            }
            if (services.ContainsKey(sli.Service))
            {
                continue;
            }
            if (state.IsWritten(Kind, sli.Name))
            {
                error(sli.Name, "spec.service", $"service '{sli.Service}' does not exist (and is not in the files, or is being pruned).");
            }
            else if (state.IsDeleted("Service", sli.Service))
            {
                error(sli.Name, "spec.service", $"service '{sli.Service}' is being pruned, but this SLI still measures it; delete the SLI too (its recorded data goes with it), or keep the service.");
            }
        }
    }

    public Task<bool> CanChangeAsync(ClaimsPrincipal user, IConfigDefinition? before, IConfigDefinition? after, CancellationToken cancellationToken) =>
        access.CanChangeServicesAsync(db, user, new[] { before, after }.OfType<SliConfig>().Select(c => c.Sli.Service), cancellationToken);

    public async Task UpsertAsync(IReadOnlyList<IConfigDefinition> definitions, CancellationToken cancellationToken)
    {
        var wanted = definitions.Cast<SliConfig>().Select(c => c.Sli).ToList();
        var names = wanted.Select(d => d.Name).ToList();
        var serviceNames = wanted.Select(d => d.Service).Distinct().ToList();
        var services = await db.Services.Where(s => serviceNames.Contains(s.Name)).ToDictionaryAsync(s => s.Name, s => s.Id, cancellationToken);
        var existing = await db.Slis.Where(s => names.Contains(s.Name)).ToDictionaryAsync(s => s.Name, cancellationToken);
        var now = time.StoredNow();
        foreach (var definition in wanted)
        {
            if (!existing.TryGetValue(definition.Name, out var sli))
            {
                sli = new Sli { Id = Guid.CreateVersion7(now), Name = definition.Name, CreatedAt = now };
                db.Slis.Add(sli);
            }
            definition.CopyTo(sli);
            sli.ServiceId = services[definition.Service];
            sli.ManagedBy = ManagedBy.Apply;
            sli.Revision++;
            sli.UpdatedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
        // Ingest on this node sees new SLIs, kinds and sources at once, as after an API change.
        directory.Invalidate();
    }

    // The buckets go with the SLI (the foreign key cascades).
    public async Task DeleteAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        await db.Slis.Where(s => names.Contains(s.Name)).ExecuteDeleteAsync(cancellationToken);
        directory.Invalidate();
    }

    // Public: SLOs read the service of an SLI in the final state of a plan.
    public sealed record SliConfig(SliDefinition Sli) : IConfigDefinition
    {
        public string Name => Sli.Name;
    }

    private sealed class SliSpec
    {
        public string? Service { get; init; }
        public string? Description { get; init; }
        public string? Kind { get; init; }
        public int? LatencyThresholdMs { get; init; }
        public string? Source { get; init; }
        public SliOtlpSource? Otlp { get; init; }
        public SliPrometheusSource? Prometheus { get; init; }
        public string? Check { get; init; }
    }
}
