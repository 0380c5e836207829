using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Audit;
using Unyo.Hosting;

namespace Unyo.Features.Slos;

// Reads and writes SLO definitions for the API and the pages. Every write checks its service and
// SLI before it saves, and saves once with its audit record.
public sealed class SloCatalog(UnyoDb db, TimeProvider time, AuditLog audit)
{
    public Task<Slo?> FindAsync(string name, CancellationToken cancellationToken) =>
        db.Slos.Include(s => s.Service).ThenInclude(s => s!.Team).Include(s => s.Sli).AsSplitQuery()
            .SingleOrDefaultAsync(s => s.Name == name, cancellationToken);

    // One page in name order, after the cursor's name.
    public async Task<Page<SloResponse>> ListAsync(string? service, string? team, string? after, int take, CancellationToken cancellationToken)
    {
        IQueryable<Slo> query = db.Slos;
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
        return new Page<SloResponse>(page, rows.Count > take ? Cursor.Encode(page[^1].Name) : null);
    }

    // One page of every SLO, least budget left first (as of the last evaluation), then those
    // without figures, each group by name. Offset paging: the order moves every minute, so a
    // cursor would promise a stability that the list does not have.
    public async Task<(List<SloResponse> Items, bool More)> ListByBudgetAsync(int skip, int take, CancellationToken cancellationToken)
    {
        var ordered = db.Slos
            .Select(s => new { Slo = s, Budget = db.SloSnapshots.Where(x => x.SloId == s.Id).Select(x => x.BudgetRemaining).FirstOrDefault() })
            .OrderBy(r => r.Budget == null).ThenBy(r => r.Budget).ThenBy(r => r.Slo.Name)
            .Select(r => r.Slo)
            .Skip(skip).Take(take + 1);
        var rows = await ProjectAsync(ordered, cancellationToken);
        return (rows.Take(take).ToList(), rows.Count > take);
    }

    public async Task<SloResponse?> GetAsync(string name, CancellationToken cancellationToken) =>
        (await ProjectAsync(db.Slos.Where(s => s.Name == name), cancellationToken)).SingleOrDefault();

    private static async Task<List<SloResponse>> ProjectAsync(IQueryable<Slo> slos, CancellationToken cancellationToken) =>
        [.. (await slos.Select(s => new { Slo = s, Service = s.Service!.Name, Team = s.Service.Team!.Name, Sli = s.Sli!.Name }).AsNoTracking().ToListAsync(cancellationToken))
            .Select(r => ToResponse(r.Slo, r.Service, r.Team, r.Sli))];

    // Needs the SLO loaded with its service, team and SLI (FindAsync does).
    public static SloResponse ToResponse(Slo slo) => ToResponse(slo, slo.Service!.Name, slo.Service.Team!.Name, slo.Sli!.Name);

    private static SloResponse ToResponse(Slo slo, string service, string team, string sli)
    {
        var spec = SloSpec.From(slo, service, sli);
        return new SloResponse(
            spec.Name, spec.DisplayName, spec.Description, service, team, sli, spec.Objective, spec.Window,
            spec.Calendar?.ToString().ToLowerInvariant(), spec.TimeZone, spec.Budgeting.ToString().ToLowerInvariant(),
            spec.TimeSliceTarget, spec.TimeSliceWindow, [.. spec.AlertRules.Select(r => r.ToContract())], spec.ExcludeMaintenance,
            slo.ManagedBy.ToName(), slo.Revision, slo.CreatedAt, slo.UpdatedAt);
    }

    public async Task<Slo> CreateAsync(SloSpec spec, ManagedBy managedBy, CancellationToken cancellationToken)
    {
        // Checked up front for a clear answer; the unique index still decides races.
        if (await db.Slos.AnyAsync(s => s.Name == spec.Name, cancellationToken))
        {
            throw NameTaken(spec.Name);
        }
        var now = time.StoredNow();
        var slo = new Slo { Id = Guid.CreateVersion7(now), Name = spec.Name, DisplayName = spec.DisplayName, CreatedAt = now };
        await WriteAsync(slo, spec, managedBy, now, cancellationToken);
        db.Slos.Add(slo);
        audit.Record("slo.create", SloSpec.KindName, spec.Name, null, spec.ToDocument(), managedBy.ToName());
        await SaveAsync(spec.Name, cancellationToken);
        return slo;
    }

    public async Task UpdateAsync(Slo slo, SloSpec spec, ManagedBy managedBy, CancellationToken cancellationToken)
    {
        var before = SloSpec.From(slo, slo.Service!.Name, slo.Sli!.Name).ToDocument();
        await WriteAsync(slo, spec, managedBy, time.StoredNow(), cancellationToken);
        audit.Record("slo.update", SloSpec.KindName, spec.Name, before, spec.ToDocument(), managedBy.ToName());
        await SaveAsync(spec.Name, cancellationToken);
    }

    // Its burn alerts go with it (the foreign key cascades); the SLI and its data stay.
    public async Task DeleteAsync(Slo slo, string source, CancellationToken cancellationToken)
    {
        audit.Record("slo.delete", SloSpec.KindName, slo.Name, SloSpec.From(slo, slo.Service!.Name, slo.Sli!.Name).ToDocument(), null, source);
        db.Slos.Remove(slo);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task WriteAsync(Slo slo, SloSpec spec, ManagedBy managedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var service = await db.Services.Include(s => s.Team).SingleOrDefaultAsync(s => s.Name == spec.Service, cancellationToken);
        var sli = await db.Slis.Include(s => s.Service).SingleOrDefaultAsync(s => s.Name == spec.Sli, cancellationToken);
        if (service is null)
        {
            errors.Add("service", $"service '{spec.Service}' does not exist.");
        }
        if (sli is null)
        {
            errors.Add("sli", $"SLI '{spec.Sli}' does not exist.");
        }
        else if (service is not null && sli.ServiceId != service.Id)
        {
            errors.Add("sli", SliOfAnotherService(spec.Sli, sli.Service!.Name, spec.Service));
        }
        if (!errors.IsEmpty)
        {
            throw new RequestValidationException(errors);
        }
        spec.CopyTo(slo);
        slo.ServiceId = service!.Id;
        slo.Service = service;
        slo.SliId = sli!.Id;
        slo.Sli = sli;
        slo.ManagedBy = managedBy;
        slo.Revision++;
        slo.UpdatedAt = now;
    }

    public static string SliOfAnotherService(string sli, string sliService, string sloService) =>
        $"SLI '{sli}' measures service '{sliService}', not '{sloService}': an SLO judges an indicator of its own service, so that one team owns both, its alerts and its release gate.";

    private async Task SaveAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RequestValidationException(new ValidationErrors().Add("revision", $"SLO '{name}' was changed by someone else while this request ran; read it again and retry."), StatusCodes.Status412PreconditionFailed, "The object changed since you read it.");
        }
        catch (DbUpdateException exception) when (DatabaseProvider.IsUniqueViolation(exception))
        {
            throw NameTaken(name);
        }
    }

    private static RequestValidationException NameTaken(string name) =>
        new(new ValidationErrors().Add("name", $"an SLO named '{name}' already exists."), StatusCodes.Status409Conflict, "The name is taken.");
}
