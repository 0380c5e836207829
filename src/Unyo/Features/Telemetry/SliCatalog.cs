using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Audit;
using Unyo.Features.Catalog;
using Unyo.Hosting;

using Unyo.Features.Telemetry.Ingest;

namespace Unyo.Features.Telemetry;

// Reads and writes SLI definitions for the API. Every write checks its service and what judges
// the SLI before it saves, and saves once with its audit record.
public sealed class SliCatalog(UnyoDb db, TimeProvider time, AuditLog audit, IEnumerable<ISliReferences> references, SliDirectory directory, ICheckDirectory checks)
{
    public Task<Sli?> FindAsync(string name, CancellationToken cancellationToken) =>
        db.Slis.Include(s => s.Service).ThenInclude(s => s!.Team).SingleOrDefaultAsync(s => s.Name == name, cancellationToken);

    // One page in name order, after the cursor's name.
    public async Task<Page<SliResponse>> ListAsync(string? service, string? team, string? after, int take, CancellationToken cancellationToken)
    {
        IQueryable<Sli> query = db.Slis;
        if (!string.IsNullOrEmpty(service))
        {
            query = query.Where(s => s.Service!.Name == service);
        }
        if (!string.IsNullOrEmpty(team))
        {
            query = query.Where(s => s.Service!.Team!.Name == team);
        }
        if (after is not null)
        {
            query = query.Where(s => string.Compare(s.Name, after) > 0);
        }
        var rows = await ProjectAsync(query.OrderBy(s => s.Name).Take(take + 1), cancellationToken);
        var page = rows.Take(take).ToList();
        return new Page<SliResponse>(page, rows.Count > take ? Cursor.Encode(page[^1].Name) : null);
    }

    public async Task<SliResponse?> GetAsync(string name, CancellationToken cancellationToken) =>
        (await ProjectAsync(db.Slis.Where(s => s.Name == name), cancellationToken)).SingleOrDefault();

    private static async Task<List<SliResponse>> ProjectAsync(IQueryable<Sli> slis, CancellationToken cancellationToken) =>
        [.. (await slis.Select(s => new { Sli = s, Service = s.Service!.Name, Team = s.Service.Team!.Name }).AsNoTracking().ToListAsync(cancellationToken))
            .Select(r => ToResponse(r.Sli, r.Service, r.Team))];

    // Needs the SLI loaded with its service and team (FindAsync does).
    public static SliResponse ToResponse(Sli sli) => ToResponse(sli, sli.Service!.Name, sli.Service.Team!.Name);

    private static SliResponse ToResponse(Sli sli, string service, string team)
    {
        var settings = SliSourceSettings.FromStored(sli.Source, sli.Kind, sli.SourceSettings);
        return new(
            sli.Name, service, team, sli.Description, sli.Kind.ToName(), sli.LatencyThresholdMs, sli.Source.ToName(),
            settings.Otlp?.ToContract(), settings.Prometheus?.ToContract(), settings.Check,
            sli.ManagedBy.ToName(), sli.Revision, sli.CreatedAt, sli.UpdatedAt);
    }

    public async Task<Sli> CreateAsync(SliDefinition definition, ManagedBy managedBy, CancellationToken cancellationToken)
    {
        // Checked up front for a clear answer; the unique index still decides races.
        if (await db.Slis.AnyAsync(s => s.Name == definition.Name, cancellationToken))
        {
            throw NameTaken(definition.Name);
        }
        var now = time.StoredNow();
        var sli = new Sli { Id = Guid.CreateVersion7(now), Name = definition.Name, CreatedAt = now };
        await WriteAsync(sli, definition, managedBy, now, cancellationToken);
        db.Slis.Add(sli);
        audit.Record("sli.create", SliDefinition.KindName, definition.Name, null, definition.ToDocument(), managedBy.ToName());
        await SaveAsync(definition.Name, cancellationToken);
        return sli;
    }

    public async Task UpdateAsync(Sli sli, SliDefinition definition, ManagedBy managedBy, CancellationToken cancellationToken)
    {
        var before = SliDefinition.From(sli, sli.Service!.Name).ToDocument();
        if (definition.Service != sli.Service.Name && await ReferencesAsync(sli, cancellationToken) is { Count: > 0 } users)
        {
            throw new RequestValidationException(
                new ValidationErrors().Add("service", $"SLI '{sli.Name}' is judged by {string.Join(", ", users)} of service '{sli.Service.Name}'; an SLO and its SLI belong to one service, so move or delete them first."),
                StatusCodes.Status409Conflict,
                "Other objects use this SLI.");
        }
        await WriteAsync(sli, definition, managedBy, time.StoredNow(), cancellationToken);
        audit.Record("sli.update", SliDefinition.KindName, definition.Name, before, definition.ToDocument(), managedBy.ToName());
        await SaveAsync(definition.Name, cancellationToken);
    }

    // Refuses while SLOs judge it. Its per-minute buckets go with it (the foreign key cascades).
    public async Task DeleteAsync(Sli sli, string source, CancellationToken cancellationToken)
    {
        if (await ReferencesAsync(sli, cancellationToken) is { Count: > 0 } users)
        {
            throw new RequestValidationException(
                new ValidationErrors().Add("references", $"SLI '{sli.Name}' is judged by {string.Join(", ", users)}; delete them or point them at another SLI first."),
                StatusCodes.Status409Conflict,
                "Other objects use this SLI.");
        }
        audit.Record("sli.delete", SliDefinition.KindName, sli.Name, SliDefinition.From(sli, sli.Service!.Name).ToDocument(), null, source);
        db.Slis.Remove(sli);
        await db.SaveChangesAsync(cancellationToken);
        directory.Invalidate();
    }

    private async Task<List<ObjectReference>> ReferencesAsync(Sli sli, CancellationToken cancellationToken)
    {
        var found = new List<ObjectReference>();
        foreach (var check in references)
        {
            found.AddRange(await check.ToSliAsync(sli.Id, cancellationToken));
        }
        return found;
    }

    private async Task WriteAsync(Sli sli, SliDefinition definition, ManagedBy managedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var service = await db.Services.Include(s => s.Team).SingleOrDefaultAsync(s => s.Name == definition.Service, cancellationToken)
            ?? throw new RequestValidationException(new ValidationErrors().Add("service", $"service '{definition.Service}' does not exist."));
        if (definition.Settings.Check is { } check)
        {
            var checkService = await checks.ServiceOfAsync(check, cancellationToken);
            if (checkService != definition.Service)
            {
                throw new RequestValidationException(new ValidationErrors().Add("check", checkService is null
                    ? $"check '{check}' does not exist."
                    : $"check '{check}' belongs to service '{checkService}'; an SLI measures the users of its own service, so give it service '{checkService}'."));
            }
        }
        definition.CopyTo(sli);
        sli.ServiceId = service.Id;
        sli.Service = service;
        sli.ManagedBy = managedBy;
        sli.Revision++;
        sli.UpdatedAt = now;
    }

    private async Task SaveAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            // Ingest on this node sees a new kind or threshold at once; other nodes within 30 s.
            directory.Invalidate();
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RequestValidationException(new ValidationErrors().Add("revision", $"SLI '{name}' was changed by someone else while this request ran; read it again and retry."), StatusCodes.Status412PreconditionFailed, "The object changed since you read it.");
        }
        catch (DbUpdateException exception) when (DatabaseProvider.IsUniqueViolation(exception))
        {
            throw NameTaken(name);
        }
    }

    private static RequestValidationException NameTaken(string name) =>
        new(new ValidationErrors().Add("name", $"an SLI named '{name}' already exists."), StatusCodes.Status409Conflict, "The name is taken.");
}
