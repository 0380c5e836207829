using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.Maintenance;

// What a write checks against the stored state, and how it saves.
public sealed partial class MaintenanceCatalog
{
    private async Task WriteAsync(MaintenanceWindow window, MaintenanceWindowSpec spec, ManagedBy managedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Name == spec.Team, cancellationToken);
        if (team is null)
        {
            errors.Add("team", $"team '{spec.Team}' does not exist.");
        }
        var names = spec.Services.ToList();
        var services = await db.Services.Where(s => names.Contains(s.Name)).ToDictionaryAsync(s => s.Name, cancellationToken);
        for (var i = 0; i < names.Count; i++)
        {
            if (!services.ContainsKey(names[i]))
            {
                errors.Add($"services[{i}]", $"service '{names[i]}' does not exist.");
            }
        }
        var checks = await scope.ExistingChecksAsync(spec.Checks, cancellationToken);
        for (var i = 0; i < spec.Checks.Count; i++)
        {
            if (!checks.Contains(spec.Checks[i]))
            {
                errors.Add($"checks[{i}]", $"check '{spec.Checks[i]}' does not exist.");
            }
        }
        if (!errors.IsEmpty)
        {
            throw new RequestValidationException(errors);
        }
        spec.CopyTo(window);
        window.TeamId = team!.Id;
        window.Team = team;
        var wanted = services.Values.Select(s => s.Id).ToHashSet();
        window.Services.RemoveAll(s => !wanted.Contains(s.ServiceId));
        foreach (var service in services.Values.Where(s => window.Services.All(w => w.ServiceId != s.Id)))
        {
            window.Services.Add(new MaintenanceWindowService { WindowId = window.Id, ServiceId = service.Id, Service = service });
        }
        window.ManagedBy = managedBy;
        window.Revision++;
        window.UpdatedAt = now;
    }

    private async Task SaveAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            calendar.Invalidate();
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RequestValidationException(new ValidationErrors().Add("revision", $"maintenance window '{name}' was changed by someone else while this request ran; read it again and retry."), StatusCodes.Status412PreconditionFailed, "The object changed since you read it.");
        }
        catch (DbUpdateException exception) when (DatabaseProvider.IsUniqueViolation(exception))
        {
            throw NameTaken(name);
        }
    }

    private static RequestValidationException NameTaken(string name) =>
        new(new ValidationErrors().Add("name", $"a maintenance window named '{name}' already exists."), StatusCodes.Status409Conflict, "The name is taken.");
}
