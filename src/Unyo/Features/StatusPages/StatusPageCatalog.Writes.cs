using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.StatusPages;

// What a write checks against the stored state, and how it saves.
public sealed partial class StatusPageCatalog
{
    public async Task<StatusPage> CreateAsync(StatusPageSpec spec, ManagedBy managedBy, CancellationToken cancellationToken)
    {
        if (await db.StatusPages.AnyAsync(p => p.Name == spec.Name, cancellationToken))
        {
            throw new RequestValidationException(new ValidationErrors().Add("name", $"status page '{spec.Name}' already exists."), StatusCodes.Status409Conflict);
        }
        var now = time.StoredNow();
        var page = new StatusPage { Id = Guid.CreateVersion7(now), Name = spec.Name, Title = spec.Title, CreatedAt = now };
        db.StatusPages.Add(page);
        await WriteAsync(db, page, spec, managedBy, now, "", cancellationToken);
        audit.Record("statuspage.create", StatusPageSpec.KindName, spec.Name, null, spec.ToDocument(), managedBy.ToName());
        await db.SaveChangesAsync(cancellationToken);
        cache.Invalidate(spec.Name);
        return page;
    }

    // Needs the page loaded as FindAsync loads it.
    public async Task UpdateAsync(StatusPage page, StatusPageSpec spec, ManagedBy managedBy, CancellationToken cancellationToken)
    {
        var before = StatusPageSpec.From(page).ToDocument();
        await WriteAsync(db, page, spec, managedBy, time.StoredNow(), "", cancellationToken);
        audit.Record("statuspage.update", StatusPageSpec.KindName, spec.Name, before, spec.ToDocument(), managedBy.ToName());
        await db.SaveChangesAsync(cancellationToken);
        cache.Invalidate(spec.Name);
    }

    // Its updates and subscribers go with it; the incidents stay.
    public async Task DeleteAsync(StatusPage page, string source, CancellationToken cancellationToken)
    {
        audit.Record("statuspage.delete", StatusPageSpec.KindName, page.Name, StatusPageSpec.From(page).ToDocument(), null, source);
        db.StatusPages.Remove(page);
        await db.SaveChangesAsync(cancellationToken);
        cache.Invalidate(page.Name);
    }

    // Resolves the team, services and checks (errors under `prefix`), then writes the page's
    // fields and replaces its components.
    internal static async Task WriteAsync(UnyoDb db, StatusPage page, StatusPageSpec spec, ManagedBy managedBy, DateTimeOffset now, string prefix, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Name == spec.Team, cancellationToken);
        if (team is null)
        {
            errors.Add($"{prefix}team", $"team '{spec.Team}' does not exist.");
        }
        var names = spec.Components.Select(c => c.Service).Distinct().ToList();
        var services = await db.Services.Where(s => names.Contains(s.Name)).ToDictionaryAsync(s => s.Name, cancellationToken);
        var checkNames = spec.Components.Select(c => c.Check).OfType<string>().Distinct().ToList();
        var checks = await db.Checks.Where(c => checkNames.Contains(c.Name)).ToDictionaryAsync(c => c.Name, c => c.ServiceId, cancellationToken);
        for (var i = 0; i < spec.Components.Count; i++)
        {
            var component = spec.Components[i];
            if (!services.TryGetValue(component.Service, out var service))
            {
                errors.Add($"{prefix}components[{i}].service", $"there is no service '{component.Service}'.");
            }
            else if (component.Check is not null && (!checks.TryGetValue(component.Check, out var owner) || owner != service.Id))
            {
                errors.Add($"{prefix}components[{i}].check", $"service '{component.Service}' has no check '{component.Check}'.");
            }
        }
        if (!errors.IsEmpty)
        {
            throw new RequestValidationException(errors);
        }
        (page.TeamId, page.Team, page.Title, page.Description) = (team!.Id, team, spec.Title, spec.Description);
        db.StatusPageComponents.RemoveRange(page.Components);
        page.Components.Clear();
        for (var i = 0; i < spec.Components.Count; i++)
        {
            var component = spec.Components[i];
            var service = services[component.Service];
            var row = new StatusPageComponent
            {
                Id = Guid.CreateVersion7(now), PageId = page.Id, Position = i, ServiceId = service.Id, Service = service,
                DisplayName = component.DisplayName, Group = component.Group, Check = component.Check,
            };
            // Added explicitly: a row with its key already set, found only through the navigation
            // of a stored page, would be taken for an existing one and updated.
            // EF's fix-up puts it into page.Components when the page is tracked; not twice.
            db.StatusPageComponents.Add(row);
            if (!page.Components.Contains(row))
            {
                page.Components.Add(row);
            }
        }
        (page.ManagedBy, page.UpdatedAt) = (managedBy, now);
        page.Revision++;
    }
}
