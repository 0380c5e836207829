using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Schedules;

// What a write checks against the stored state, and how it saves.
public sealed partial class ScheduleCatalog
{
    public async Task<Schedule> CreateAsync(ScheduleSpec spec, ManagedBy managedBy, CancellationToken cancellationToken)
    {
        // Checked up front for a clear answer; the unique index still decides races.
        if (await db.Schedules.AnyAsync(s => s.Name == spec.Name, cancellationToken))
        {
            throw NameTaken(spec.Name);
        }
        var now = time.StoredNow();
        var schedule = new Schedule { Id = Guid.CreateVersion7(now), Name = spec.Name, TimeZone = spec.TimeZone, CreatedAt = now };
        await WriteAsync(schedule, spec, managedBy, now, cancellationToken);
        db.Schedules.Add(schedule);
        audit.Record("schedule.create", ScheduleSpec.KindName, spec.Name, null, spec.ToDocument(), managedBy.ToName());
        await SaveAsync(spec.Name, cancellationToken);
        return schedule;
    }

    // Needs the schedule loaded with its team (FindAsync does).
    public async Task UpdateAsync(Schedule schedule, ScheduleSpec spec, ManagedBy managedBy, CancellationToken cancellationToken)
    {
        var before = (await SpecAsync(schedule, cancellationToken)).ToDocument();
        await WriteAsync(schedule, spec, managedBy, time.StoredNow(), cancellationToken);
        audit.Record("schedule.update", ScheduleSpec.KindName, spec.Name, before, spec.ToDocument(), managedBy.ToName());
        await SaveAsync(spec.Name, cancellationToken);
    }

    // Its overrides go with it (the foreign key cascades).
    public async Task DeleteAsync(Schedule schedule, string source, CancellationToken cancellationToken)
    {
        audit.Record("schedule.delete", ScheduleSpec.KindName, schedule.Name, (await SpecAsync(schedule, cancellationToken)).ToDocument(), null, source);
        db.Schedules.Remove(schedule);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task WriteAsync(Schedule schedule, ScheduleSpec spec, ManagedBy managedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Name == spec.Team, cancellationToken);
        if (team is null)
        {
            errors.Add("team", $"team '{spec.Team}' does not exist.");
        }
        var users = await UsersAsync(spec, errors, "", cancellationToken);
        if (!errors.IsEmpty)
        {
            throw new RequestValidationException(errors);
        }
        schedule.TimeZone = spec.TimeZone;
        schedule.Description = spec.Description;
        schedule.Layers = StoredLayer.Serialize(spec.Layers.Select(l => StoredLayer.From(l, users)));
        schedule.TeamId = team!.Id;
        schedule.Team = team;
        schedule.ManagedBy = managedBy;
        schedule.Revision++;
        schedule.UpdatedAt = now;
    }

    // The ids of the layers' users; unknown and disabled ones are errors at their place, under `prefix`.
    public async Task<Dictionary<string, Guid>> UsersAsync(ScheduleSpec spec, ValidationErrors errors, string prefix, CancellationToken cancellationToken)
    {
        var people = spec.People().ToList();
        var emails = people.Select(p => p.Email).Distinct().ToList();
        var found = await db.Users.Where(u => emails.Contains(u.Email)).Select(u => new { u.Email, u.Id, u.Disabled }).ToListAsync(cancellationToken);
        var byEmail = found.ToDictionary(u => u.Email, StringComparer.Ordinal);
        foreach (var (field, email) in people)
        {
            if (!byEmail.TryGetValue(email, out var user))
            {
                errors.Add($"{prefix}{field}", $"there is no user '{email}'.");
            }
            else if (user.Disabled)
            {
                errors.Add($"{prefix}{field}", $"user '{email}' is disabled and cannot be paged.");
            }
        }
        return found.ToDictionary(u => u.Email, u => u.Id, StringComparer.Ordinal);
    }

    private async Task SaveAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RequestValidationException(new ValidationErrors().Add("revision", $"schedule '{name}' was changed by someone else while this request ran; read it again and retry."), StatusCodes.Status412PreconditionFailed, "The object changed since you read it.");
        }
        catch (DbUpdateException exception) when (DatabaseProvider.IsUniqueViolation(exception))
        {
            throw NameTaken(name);
        }
    }

    private static RequestValidationException NameTaken(string name) =>
        new(new ValidationErrors().Add("name", $"a schedule named '{name}' already exists."), StatusCodes.Status409Conflict, "The name is taken.");
}
