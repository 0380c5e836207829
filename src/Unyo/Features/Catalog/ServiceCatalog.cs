using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Audit;
using Unyo.Hosting;

namespace Unyo.Features.Catalog;

// Reads and writes services for the API and the UI. Every write checks references (the team,
// the dependencies, cycles) before it saves, and saves once, so a refused write leaves nothing.
public sealed class ServiceCatalog(UnyoDb db, TimeProvider time, AuditLog audit, IEnumerable<IServiceReferences> references)
{
    public IQueryable<Service> WithDetails() =>
        db.Services.Include(s => s.Team).Include(s => s.Dependencies).ThenInclude(d => d.DependsOn).AsSplitQuery();

    public Task<Service?> FindAsync(string name, CancellationToken cancellationToken) =>
        WithDetails().SingleOrDefaultAsync(s => s.Name == name, cancellationToken);

    // One page of services in name order, after the cursor's name. Projected straight into the
    // response shape: no entity tracking, no full rows for each dependency.
    public async Task<Page<ServiceResponse>> ListAsync(ServiceFilter filter, string? after, int take, CancellationToken cancellationToken)
    {
        IQueryable<Service> query = db.Services;
        if (!string.IsNullOrEmpty(filter.Team))
        {
            query = query.Where(s => s.Team!.Name == filter.Team);
        }
        if (filter.Tier is not null)
        {
            query = query.Where(s => s.Tier == filter.Tier);
        }
        if (!string.IsNullOrEmpty(filter.Tag))
        {
            query = query.Where(s => s.Tags.Contains(filter.Tag));
        }
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim().ToLowerInvariant();
            query = query.Where(s => s.Name.Contains(text) || s.DisplayName.ToLower().Contains(text) || (s.Description != null && s.Description.ToLower().Contains(text)));
        }
        if (after is not null)
        {
            query = query.Where(s => string.Compare(s.Name, after) > 0);
        }
        var rows = await ProjectAsync(query.OrderBy(s => s.Name).Take(take + 1), cancellationToken);
        var page = rows.Take(take).ToList();
        return new Page<ServiceResponse>(page, rows.Count > take ? Cursor.Encode(page[^1].Name) : null);
    }

    public async Task<ServiceResponse?> GetAsync(string name, CancellationToken cancellationToken) =>
        (await ProjectAsync(db.Services.Where(s => s.Name == name), cancellationToken)).SingleOrDefault();

    private async Task<List<ServiceResponse>> ProjectAsync(IQueryable<Service> services, CancellationToken cancellationToken) =>
        [.. (await services
            .Select(s => new
            {
                Service = s,
                Team = s.Team!.Name,
                DependsOn = s.Dependencies.Select(d => d.DependsOn!.Name).ToList(),
                Dependents = db.ServiceDependencies.Where(d => d.DependsOnId == s.Id).Select(d => d.Dependent!.Name).ToList(),
            })
            .AsNoTracking().AsSplitQuery().ToListAsync(cancellationToken))
            .Select(r => ToResponse(r.Service, r.Team, r.DependsOn, r.Dependents))];

    public async Task<ServiceResponse> ToResponseAsync(Service service, CancellationToken cancellationToken)
    {
        var dependents = await DependentsAsync([service.Id], cancellationToken);
        return ToResponse(service, dependents[service.Id]);
    }

    public async Task<ILookup<Guid, string>> DependentsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        (await db.ServiceDependencies.Where(d => ids.Contains(d.DependsOnId))
            .Select(d => new { d.DependsOnId, d.Dependent!.Name })
            .ToListAsync(cancellationToken))
        .ToLookup(d => d.DependsOnId, d => d.Name);

    public static ServiceResponse ToResponse(Service service, IEnumerable<string> dependents) =>
        ToResponse(service, service.Team!.Name, service.Dependencies.Select(d => d.DependsOn!.Name), dependents);

    private static ServiceResponse ToResponse(Service service, string team, IEnumerable<string> dependsOn, IEnumerable<string> dependents) => new(
        service.Name,
        service.DisplayName,
        team,
        service.Tier,
        service.Lifecycle.ToName(),
        service.Description,
        service.RunbookUrl,
        service.RepositoryUrl,
        [.. service.Tags.Order(StringComparer.Ordinal)],
        [.. service.Links.Select(l => new ServiceLink(l.Title, l.Url))],
        [.. dependsOn.Order(StringComparer.Ordinal)],
        [.. dependents.Order(StringComparer.Ordinal)],
        service.ManagedBy.ToName(),
        service.Revision,
        service.CreatedAt,
        service.UpdatedAt);

    public async Task<Service> CreateAsync(ServiceDefinition definition, ManagedBy managedBy, CancellationToken cancellationToken)
    {
        // Checked up front for a clear answer; the unique index still decides races.
        if (await db.Services.AnyAsync(s => s.Name == definition.Name, cancellationToken))
        {
            throw NameTaken(definition.Name);
        }
        var now = time.StoredNow();
        var service = new Service
        {
            Id = Guid.CreateVersion7(now),
            Name = definition.Name,
            DisplayName = definition.DisplayName,
            CreatedAt = now,
        };
        await WriteAsync(service, definition, managedBy, now, cancellationToken);
        db.Services.Add(service);
        audit.Record("service.create", "Service", definition.Name, null, definition.ToDocument(), managedBy.ToName());
        await SaveAsync(definition.Name, cancellationToken);
        return service;
    }

    public async Task UpdateAsync(Service service, ServiceDefinition definition, ManagedBy managedBy, CancellationToken cancellationToken)
    {
        var before = Definition(service).ToDocument();
        await WriteAsync(service, definition, managedBy, time.StoredNow(), cancellationToken);
        audit.Record("service.update", "Service", definition.Name, before, definition.ToDocument(), managedBy.ToName());
        await SaveAsync(definition.Name, cancellationToken);
    }

    // Refuses while other services depend on this one (their owners must drop the edge first) or
    // while objects of other features hang off it (SLIs, SLOs: deleting them loses their data).
    public async Task DeleteAsync(Service service, string source, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var dependents = (await DependentsAsync([service.Id], cancellationToken))[service.Id].Order(StringComparer.Ordinal).ToList();
        if (dependents.Count > 0)
        {
            errors.Add("dependents", $"{string.Join(", ", dependents)} still depend on '{service.Name}'; remove those dependencies first.");
        }
        var hanging = new List<ObjectReference>();
        foreach (var check in references)
        {
            hanging.AddRange(await check.ToServiceAsync(service.Id, cancellationToken));
        }
        if (hanging.Count > 0)
        {
            errors.Add("references", $"'{service.Name}' still has {string.Join(", ", hanging)}; delete them first (an SLI's recorded data goes with it).");
        }
        if (!errors.IsEmpty)
        {
            throw new RequestValidationException(errors, StatusCodes.Status409Conflict,
                dependents.Count > 0 ? "Other services depend on this one." : "Other objects still belong to this service.");
        }
        audit.Record("service.delete", "Service", service.Name, Definition(service).ToDocument(), null, source);
        db.Services.Remove(service);
        await db.SaveChangesAsync(cancellationToken);
    }

    // Needs the service loaded with its team and dependencies (FindAsync does).
    private static ServiceDefinition Definition(Service service) =>
        ServiceDefinition.From(service, service.Team!.Name, service.Dependencies.Select(d => d.DependsOn!.Name));

    private async Task WriteAsync(Service service, ServiceDefinition definition, ManagedBy managedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Name == definition.Team, cancellationToken);
        if (team is null)
        {
            errors.Add("team", $"team '{definition.Team}' does not exist.");
        }
        var targets = await db.Services.Where(s => definition.DependsOn.Contains(s.Name)).ToDictionaryAsync(s => s.Name, cancellationToken);
        for (var i = 0; i < definition.DependsOn.Count; i++)
        {
            if (!targets.ContainsKey(definition.DependsOn[i]))
            {
                errors.Add($"dependsOn[{i}]", $"service '{definition.DependsOn[i]}' does not exist.");
            }
        }
        if (errors.IsEmpty && definition.DependsOn.Count > 0)
        {
            await CheckNoCycleAsync(definition, errors, cancellationToken);
        }
        if (!errors.IsEmpty)
        {
            throw new RequestValidationException(errors);
        }
        definition.CopyTo(service);
        service.TeamId = team!.Id;
        service.Team = team;
        service.ManagedBy = managedBy;
        service.Revision++;
        service.UpdatedAt = now;
        var wanted = targets.Values.Select(t => t.Id).ToHashSet();
        service.Dependencies.RemoveAll(d => !wanted.Contains(d.DependsOnId));
        foreach (var target in targets.Values.Where(t => service.Dependencies.All(d => d.DependsOnId != t.Id)))
        {
            service.Dependencies.Add(new ServiceDependency { ServiceId = service.Id, DependsOnId = target.Id, DependsOn = target });
        }
    }

    private async Task CheckNoCycleAsync(ServiceDefinition definition, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var edges = (await db.ServiceDependencies
                .Select(d => new { From = d.Dependent!.Name, To = d.DependsOn!.Name })
                .ToListAsync(cancellationToken))
            .Where(e => e.From != definition.Name)
            .GroupBy(e => e.From)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(e => e.To)]);
        edges[definition.Name] = definition.DependsOn;
        if (DependencyGraph.FindCycle(edges) is { } cycle)
        {
            errors.Add("dependsOn", $"would create a dependency cycle: {string.Join(" → ", cycle)}.");
        }
    }

    private async Task SaveAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RequestValidationException(new ValidationErrors().Add("revision", $"service '{name}' was changed by someone else while this request ran; read it again and retry."), StatusCodes.Status412PreconditionFailed, "The object changed since you read it.");
        }
        catch (DbUpdateException exception) when (DatabaseProvider.IsUniqueViolation(exception))
        {
            throw NameTaken(name);
        }
    }

    private static RequestValidationException NameTaken(string name) =>
        new(new ValidationErrors().Add("name", $"a service named '{name}' already exists."), StatusCodes.Status409Conflict, "The name is taken.");
}
