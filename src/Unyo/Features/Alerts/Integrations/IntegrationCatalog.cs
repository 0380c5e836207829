using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Alerts.Urgency;
using Unyo.Features.Audit;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Integrations;

// Writes integrations for the API, the pages and YAML. Every write checks the service before it
// saves, saves once with its audit record (never the key) and makes this node's directory forget
// the keys it knows, so a rotated or deleted key stops working here at once.
public sealed class IntegrationCatalog(UnyoDb db, TimeProvider time, AuditLog audit, SecretBox secrets, IntegrationDirectory directory)
{
    public Task<Integration?> FindAsync(string name, CancellationToken cancellationToken) =>
        db.Integrations.Include(i => i.Service).ThenInclude(s => s!.Team).SingleOrDefaultAsync(i => i.Name == name, cancellationToken);

    // One page in name order after the cursor's name, with their services and teams loaded.
    public async Task<List<Integration>> ListAsync(string? service, string? team, string? after, int take, CancellationToken cancellationToken)
    {
        IQueryable<Integration> query = db.Integrations.AsNoTracking().Include(i => i.Service).ThenInclude(s => s!.Team);
        if (!string.IsNullOrEmpty(service))
        {
            query = query.Where(i => i.Service!.Name == service);
        }
        if (!string.IsNullOrEmpty(team))
        {
            query = query.Where(i => i.Service!.Team!.Name == team);
        }
        if (after is not null)
        {
            query = query.Where(i => string.Compare(i.Name, after) > 0);
        }
        return await query.OrderBy(i => i.Name).Take(take).ToListAsync(cancellationToken);
    }

    public string? KeyOf(Integration integration) => secrets.Open(integration.SealedKey);

    // Returns the new integration and its key.
    public async Task<(Integration Integration, string Key)> CreateAsync(IntegrationSpec spec, ManagedBy managedBy, CancellationToken cancellationToken)
    {
        // Checked up front for a clear answer; the unique index still decides races.
        if (await db.Integrations.AnyAsync(i => i.Name == spec.Name, cancellationToken))
        {
            throw NameTaken(spec.Name);
        }
        var now = time.StoredNow();
        var key = IntegrationKeys.New();
        var integration = new Integration { Id = Guid.CreateVersion7(now), Name = spec.Name, KeyHash = IntegrationKeys.Hash(key), SealedKey = secrets.Seal(key), CreatedAt = now };
        await WriteAsync(integration, spec, managedBy, now, cancellationToken);
        db.Integrations.Add(integration);
        audit.Record("integration.create", IntegrationSpec.KindName, spec.Name, null, spec.ToDocument(integration.Service!.Team!.Name), managedBy.ToName());
        await SaveAsync(spec.Name, cancellationToken);
        return (integration, key);
    }

    // Needs the integration loaded with its service and team (FindAsync does).
    public async Task UpdateAsync(Integration integration, IntegrationSpec spec, ManagedBy managedBy, CancellationToken cancellationToken)
    {
        if (spec.Kind != integration.Kind)
        {
            throw new RequestValidationException(
                new ValidationErrors().Add("kind", $"is {IntegrationSpec.KindText(integration.Kind)} and cannot change: the key opens one intake. Create another integration instead."),
                StatusCodes.Status409Conflict, "The kind of an integration cannot change.");
        }
        var before = IntegrationSpec.From(integration, integration.Service!.Name).ToDocument(integration.Service.Team!.Name);
        await WriteAsync(integration, spec, managedBy, time.StoredNow(), cancellationToken);
        audit.Record("integration.update", IntegrationSpec.KindName, spec.Name, before, spec.ToDocument(integration.Service!.Team!.Name), managedBy.ToName());
        await SaveAsync(spec.Name, cancellationToken);
    }

    public async Task DeleteAsync(Integration integration, string source, CancellationToken cancellationToken)
    {
        audit.Record("integration.delete", IntegrationSpec.KindName, integration.Name,
            IntegrationSpec.From(integration, integration.Service!.Name).ToDocument(integration.Service.Team!.Name), null, source);
        db.Integrations.Remove(integration);
        await db.SaveChangesAsync(cancellationToken);
        Forget(integration.Id);
    }

    // A new key; the old one stops working at once on this node, within seconds on the others.
    public async Task<string> RotateKeyAsync(Integration integration, CancellationToken cancellationToken)
    {
        var key = IntegrationKeys.New();
        integration.KeyHash = IntegrationKeys.Hash(key);
        integration.SealedKey = secrets.Seal(key);
        integration.Revision++;
        integration.UpdatedAt = time.StoredNow();
        audit.RecordHere("integration.rotate-key", IntegrationSpec.KindName, integration.Name, null, null);
        await SaveAsync(integration.Name, cancellationToken);
        return key;
    }

    private async Task WriteAsync(Integration integration, IntegrationSpec spec, ManagedBy managedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var service = await db.Services.Include(s => s.Team).SingleOrDefaultAsync(s => s.Name == spec.Service, cancellationToken);
        if (service is null)
        {
            throw new RequestValidationException(new ValidationErrors().Add("service", $"service '{spec.Service}' does not exist."));
        }
        spec.CopyTo(integration);
        integration.ServiceId = service.Id;
        integration.Service = service;
        integration.ManagedBy = managedBy;
        integration.Revision++;
        integration.UpdatedAt = now;
    }

    private async Task SaveAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            directory.Forget();
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RequestValidationException(new ValidationErrors().Add("revision", $"integration '{name}' was changed by someone else while this request ran; read it again and retry."), StatusCodes.Status412PreconditionFailed, "The object changed since you read it.");
        }
        catch (DbUpdateException exception) when (DatabaseProvider.IsUniqueViolation(exception))
        {
            throw NameTaken(name);
        }
    }

    private void Forget(Guid id)
    {
        directory.Forget();
        UrgencyPolicies.Forget(id);
    }

    private static RequestValidationException NameTaken(string name) =>
        new(new ValidationErrors().Add("name", $"an integration named '{name}' already exists."), StatusCodes.Status409Conflict, "The name is taken.");
}
