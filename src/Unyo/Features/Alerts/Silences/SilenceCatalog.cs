using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Audit;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Silences;

// Reads and writes silences for the API and the pages. Every write saves once with its audit
// record, and this node's SilenceBook reloads right after.
public sealed class SilenceCatalog(UnyoDb db, TimeProvider time, AuditLog audit, SilenceBook book)
{
    public Task<Silence?> FindAsync(string name, CancellationToken cancellationToken) =>
        db.Silences.Include(s => s.Team).SingleOrDefaultAsync(s => s.Name == name, cancellationToken);

    // One page in name order, after the cursor's name.
    public async Task<Page<SilenceResponse>> ListAsync(SilenceState? state, string? team, string? after, int take, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        IQueryable<Silence> query = db.Silences.Include(s => s.Team).AsNoTracking();
        query = state switch
        {
            SilenceState.Expired => query.Where(s => (s.ExpiredAt ?? s.EndsAt) <= now),
            SilenceState.Pending => query.Where(s => (s.ExpiredAt ?? s.EndsAt) > now && s.StartsAt > now),
            SilenceState.Active => query.Where(s => (s.ExpiredAt ?? s.EndsAt) > now && s.StartsAt <= now),
            _ => query,
        };
        if (!string.IsNullOrEmpty(team))
        {
            query = query.Where(s => s.Team!.Name == team);
        }
        if (after is not null)
        {
            query = query.Where(s => string.Compare(s.Name, after) > 0);
        }
        var rows = await query.OrderBy(s => s.Name).Take(take + 1).ToListAsync(cancellationToken);
        var page = rows.Take(take).Select(ToResponse).ToList();
        return new Page<SilenceResponse>(page, rows.Count > take ? Cursor.Encode(page[^1].Name) : null);
    }

    // Needs the silence loaded with its team (FindAsync does).
    public SilenceResponse ToResponse(Silence silence) => new(
        silence.Name, silence.Team?.Name, silence.Matchers, silence.StartsAt, silence.EndsAt, silence.Comment,
        silence.CreatedBy, silence.CreatedAt, silence.ExpiredAt, silence.ExpiredBy,
        SilenceStates.At(silence.StartsAt, silence.EffectiveEnd, time.GetUtcNow()).ToName(),
        silence.ManagedBy.ToName(), silence.Revision, silence.UpdatedAt);

    public static SilenceSpec Spec(Silence silence) => SilenceSpec.From(silence, silence.Team?.Name);

    public async Task<Silence> CreateAsync(SilenceSpec spec, ManagedBy managedBy, string createdBy, CancellationToken cancellationToken)
    {
        // Checked up front for a clear answer; the unique index still decides races.
        if (await db.Silences.AnyAsync(s => s.Name == spec.Name, cancellationToken))
        {
            throw NameTaken(spec.Name);
        }
        var now = time.StoredNow();
        var silence = new Silence { Id = Guid.CreateVersion7(now), Name = spec.Name, Comment = spec.Comment, CreatedBy = createdBy, CreatedAt = now };
        await WriteAsync(silence, spec, managedBy, now, cancellationToken);
        db.Silences.Add(silence);
        audit.Record("silence.create", SilenceSpec.KindName, spec.Name, null, spec.ToDocument(), managedBy.ToName());
        await SaveAsync(spec.Name, cancellationToken);
        return silence;
    }

    public async Task UpdateAsync(Silence silence, SilenceSpec spec, ManagedBy managedBy, CancellationToken cancellationToken)
    {
        var before = Spec(silence).ToDocument();
        await WriteAsync(silence, spec, managedBy, time.StoredNow(), cancellationToken);
        audit.Record("silence.update", SilenceSpec.KindName, spec.Name, before, spec.ToDocument(), managedBy.ToName());
        await SaveAsync(spec.Name, cancellationToken);
    }

    // Ends it now; the definition stays, so the list shows when and by whom.
    public async Task ExpireAsync(Silence silence, string by, string source, CancellationToken cancellationToken)
    {
        var now = time.StoredNow();
        if (silence.EffectiveEnd <= now)
        {
            throw new RequestValidationException(new ValidationErrors().Add("name", $"silence '{silence.Name}' has ended already."), StatusCodes.Status409Conflict, "Nothing to expire.");
        }
        audit.Record("silence.expire", SilenceSpec.KindName, silence.Name, new { endsAt = silence.EndsAt }, new { endsAt = silence.EndsAt, expiredAt = now }, source);
        silence.ExpiredAt = now;
        silence.ExpiredBy = by;
        silence.Revision++;
        silence.UpdatedAt = now;
        await SaveAsync(silence.Name, cancellationToken);
    }

    public async Task DeleteAsync(Silence silence, string source, CancellationToken cancellationToken)
    {
        audit.Record("silence.delete", SilenceSpec.KindName, silence.Name, Spec(silence).ToDocument(), null, source);
        db.Silences.Remove(silence);
        await SaveAsync(silence.Name, cancellationToken);
    }

    public static string Actor(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "unknown";

    private async Task WriteAsync(Silence silence, SilenceSpec spec, ManagedBy managedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Accounts.Team? team = null;
        if (spec.Team is not null)
        {
            team = await db.Teams.SingleOrDefaultAsync(t => t.Name == spec.Team, cancellationToken)
                ?? throw new RequestValidationException(new ValidationErrors().Add("team", $"team '{spec.Team}' does not exist."));
        }
        spec.CopyTo(silence);
        silence.TeamId = team?.Id;
        silence.Team = team;
        silence.ManagedBy = managedBy;
        silence.Revision++;
        silence.UpdatedAt = now;
    }

    private async Task SaveAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RequestValidationException(new ValidationErrors().Add("revision", $"silence '{name}' was changed by someone else while this request ran; read it again and retry."), StatusCodes.Status412PreconditionFailed, "The object changed since you read it.");
        }
        catch (DbUpdateException exception) when (DatabaseProvider.IsUniqueViolation(exception))
        {
            throw NameTaken(name);
        }
        try
        {
            await book.ReloadAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The write is committed; the worker's next look (within a second) picks it up.
            book.Invalidate();
        }
    }

    private static RequestValidationException NameTaken(string name) =>
        new(new ValidationErrors().Add("name", $"a silence named '{name}' already exists."), StatusCodes.Status409Conflict, "The name is taken.");
}
