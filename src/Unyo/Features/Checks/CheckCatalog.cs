using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Audit;
using Unyo.Features.Checks.Probes;
using Unyo.Features.Telemetry;
using Unyo.Hosting;

namespace Unyo.Features.Checks;

// Writes check definitions for the API and the UI. Every write checks the service, the locations
// and the target guard before it saves, and saves once with its audit record.
public sealed class CheckCatalog(UnyoDb db, TimeProvider time, AuditLog audit, SecretBox secrets, CheckTargets targets, CheckRoster roster, IEnumerable<ICheckStateObserver> observers)
{
    public Task<Check?> FindAsync(string name, CancellationToken cancellationToken) =>
        db.Checks.Include(c => c.Service).ThenInclude(s => s!.Team).SingleOrDefaultAsync(c => c.Name == name, cancellationToken);

    public async Task<Check> CreateAsync(CheckDefinition definition, ManagedBy managedBy, CancellationToken cancellationToken)
    {
        // Checked up front for a clear answer; the unique index still decides races.
        if (await db.Checks.AnyAsync(c => c.Name == definition.Name, cancellationToken))
        {
            throw NameTaken(definition.Name);
        }
        var now = time.StoredNow();
        var check = new Check { Id = Guid.CreateVersion7(now), Name = definition.Name, Settings = "", CreatedAt = now };
        await WriteAsync(check, definition, managedBy, now, cancellationToken);
        db.Checks.Add(check);
        db.CheckStates.Add(new CheckState { CheckId = check.Id, Status = definition.Enabled ? CheckStatus.Pending : CheckStatus.Paused, Since = now });
        audit.Record("check.create", CheckDefinition.KindName, definition.Name, null, definition.ToDocument(), managedBy.ToName());
        await SaveAsync(definition.Name, cancellationToken);
        return check;
    }

    public async Task UpdateAsync(Check check, CheckDefinition definition, ManagedBy managedBy, CancellationToken cancellationToken)
    {
        var before = CheckDefinition.From(check, check.Service!.Name);
        if (definition.Service != before.Service && await SliNamesAsync(db, check.Name, cancellationToken) is { Count: > 0 } slis)
        {
            throw new RequestValidationException(
                new ValidationErrors().Add("service", $"check '{check.Name}' is counted by SLI {string.Join(", ", slis)} of service '{before.Service}'; a check and its SLIs belong to one service, so move or delete them first."),
                StatusCodes.Status409Conflict,
                "Other objects use this check.");
        }
        var now = time.StoredNow();
        await WriteAsync(check, definition, managedBy, now, cancellationToken);
        var state = await db.CheckStates.SingleAsync(s => s.CheckId == check.Id, cancellationToken);
        var change = CheckStateRules.Reconfigure(state, before, definition, now);
        if (change is { } changed)
        {
            // Pausing and resuming are state changes like any other: in the history, and told.
            state.Version++;
            db.CheckStateChanges.Add(new CheckStateChange { CheckId = check.Id, At = now, From = changed.From, To = changed.To, Reason = state.Reason });
        }
        audit.Record("check.update", CheckDefinition.KindName, definition.Name, before.ToDocument(), definition.ToDocument(), managedBy.ToName());
        await SaveAsync(definition.Name, cancellationToken);
        if (change is { } told)
        {
            var published = new CheckStateChanged(check.Id, check.Name, check.ServiceId, definition.Service, told.From, told.To, state.Reason, now, InMaintenance: false);
            foreach (var observer in observers)
            {
                await observer.OnChangedAsync([published], cancellationToken);
            }
        }
    }

    // Refused while SLIs count its results; its results, minutes and history go with it.
    public async Task DeleteAsync(Check check, string source, CancellationToken cancellationToken)
    {
        if (await SliNamesAsync(db, check.Name, cancellationToken) is { Count: > 0 } slis)
        {
            throw new RequestValidationException(
                new ValidationErrors().Add("references", $"check '{check.Name}' is counted by SLI {string.Join(", ", slis)}; delete them or point them at another check first."),
                StatusCodes.Status409Conflict,
                "Other objects use this check.");
        }
        audit.Record("check.delete", CheckDefinition.KindName, check.Name, CheckDefinition.From(check, check.Service!.Name).ToDocument(), null, source);
        db.Checks.Remove(check);
        await db.SaveChangesAsync(cancellationToken);
        roster.Invalidate();
    }

    // A new secret URL for a heartbeat; the old one stops working at once.
    public async Task<string> RotatePingTokenAsync(Check check, CancellationToken cancellationToken)
    {
        var token = PingTokens.Assign(check, secrets);
        check.Revision++;
        check.UpdatedAt = time.StoredNow();
        audit.RecordHere("check.rotate-ping-url", CheckDefinition.KindName, check.Name, null, null);
        await SaveAsync(check.Name, cancellationToken);
        return token;
    }

    public string? PingToken(Check check) => secrets.Open(check.PingTokenSealed);

    // SLIs over a check, by name: their settings are JSON, so they are matched after reading.
    public static async Task<List<string>> SliNamesAsync(UnyoDb db, string check, CancellationToken cancellationToken) =>
        [.. (await db.Slis.Where(s => s.Source == SliSource.Check).Select(s => new { s.Name, s.Kind, s.SourceSettings }).ToListAsync(cancellationToken))
            .Where(s => SliSourceSettings.FromStored(SliSource.Check, s.Kind, s.SourceSettings).Check == check)
            .Select(s => s.Name)];

    private async Task WriteAsync(Check check, CheckDefinition definition, ManagedBy managedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var service = await db.Services.Include(s => s.Team).SingleOrDefaultAsync(s => s.Name == definition.Service, cancellationToken);
        if (service is null)
        {
            errors.Add("service", $"service '{definition.Service}' does not exist.");
        }
        CheckLocations(definition, await Locations.ProbeLocationCatalog.NamesAsync(db, cancellationToken), errors);
        if (definition.Probe is { } probe)
        {
            TargetGuard.CheckAtCreation(probe, await targets.AllowListAsync(cancellationToken), errors);
        }
        if (!errors.IsEmpty)
        {
            throw new RequestValidationException(errors);
        }
        definition.CopyTo(check);
        check.ServiceId = service!.Id;
        check.Service = service;
        check.ManagedBy = managedBy;
        check.Revision++;
        check.UpdatedAt = now;
        PingTokens.Fit(check, secrets);
    }

    // Every location but the server itself must be known: a check waiting for an agent that
    // does not exist would stay pending and nobody would know why.
    public static void CheckLocations(CheckDefinition definition, IReadOnlySet<string> known, ValidationErrors errors)
    {
        for (var i = 0; i < definition.Locations.Count; i++)
        {
            if (!known.Contains(definition.Locations[i]))
            {
                errors.Add($"locations[{i}]", $"location '{definition.Locations[i]}' does not exist; the locations are {string.Join(", ", known.Order(StringComparer.Ordinal))} (an admin adds one with POST /api/v1/probe-locations).");
            }
        }
    }

    private async Task SaveAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            roster.Invalidate();
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RequestValidationException(new ValidationErrors().Add("revision", $"check '{name}' was changed by someone else while this request ran; read it again and retry."), StatusCodes.Status412PreconditionFailed, "The object changed since you read it.");
        }
        catch (DbUpdateException exception) when (DatabaseProvider.IsUniqueViolation(exception))
        {
            throw NameTaken(name);
        }
    }

    private static RequestValidationException NameTaken(string name) =>
        new(new ValidationErrors().Add("name", $"a check named '{name}' already exists."), StatusCodes.Status409Conflict, "The name is taken.");
}
