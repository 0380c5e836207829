using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Audit;
using Unyo.Features.Checks;
using Unyo.Hosting;

namespace Unyo.Features.Notifications.Channels;

// Reads and writes notification channels for the API and the pages. Every write checks its team,
// its secrets and its targets before it saves, and saves once with its audit record, which says
// which secrets changed but never what they are.
public sealed class ChannelCatalog(UnyoDb db, TimeProvider time, AuditLog audit, ChannelSecrets secrets, CheckTargets targets)
{
    public Task<NotificationChannel?> FindAsync(string name, CancellationToken cancellationToken) =>
        db.NotificationChannels.Include(c => c.Team).SingleOrDefaultAsync(c => c.Name == name, cancellationToken);

    // One page in name order, after the cursor's name.
    public async Task<Page<NotificationChannelResponse>> ListAsync(string? team, string? after, int take, CancellationToken cancellationToken)
    {
        IQueryable<NotificationChannel> query = db.NotificationChannels.Include(c => c.Team).AsNoTracking();
        if (!string.IsNullOrEmpty(team))
        {
            query = query.Where(c => c.Team!.Name == team);
        }
        if (after is not null)
        {
            query = query.Where(c => string.Compare(c.Name, after) > 0);
        }
        var rows = await query.OrderBy(c => c.Name).Take(take + 1).ToListAsync(cancellationToken);
        var page = rows.Take(take).Select(c => ToResponse(c)).ToList();
        return new Page<NotificationChannelResponse>(page, rows.Count > take ? Cursor.Encode(page[^1].Name) : null);
    }

    // Needs the channel loaded with its team (FindAsync does).
    public NotificationChannelResponse ToResponse(NotificationChannel channel, string? signingSecret = null) =>
        Spec(channel).ToResponse(channel, secrets.Open(channel).Keys, signingSecret);

    public static NotificationChannelSpec Spec(NotificationChannel channel) => NotificationChannelSpec.From(channel, channel.Team!.Name);

    // Returns the channel and, when one was generated, the webhook's signing secret.
    public async Task<(NotificationChannel Channel, string? SigningSecret)> CreateAsync(
        NotificationChannelSpec spec, IReadOnlyDictionary<string, string> secretChanges, ManagedBy managedBy, CancellationToken cancellationToken)
    {
        // Checked up front for a clear answer; the unique index still decides races.
        if (await db.NotificationChannels.AnyAsync(c => c.Name == spec.Name, cancellationToken))
        {
            throw NameTaken(spec.Name);
        }
        var now = time.StoredNow();
        var channel = new NotificationChannel { Id = Guid.CreateVersion7(now), Name = spec.Name, Settings = "{}", CreatedAt = now };
        var (notes, generated) = await WriteAsync(channel, spec, new Dictionary<string, string>(), secretChanges, managedBy, now, cancellationToken);
        db.NotificationChannels.Add(channel);
        audit.Record("notificationchannel.create", NotificationChannelSpec.KindName, spec.Name, null, spec.ToDocument(notes), managedBy.ToName());
        await SaveAsync(spec.Name, cancellationToken);
        return (channel, generated);
    }

    // Needs the channel loaded with its team (FindAsync does). Returns the signing secret when a
    // removed one was replaced by a generated one.
    public async Task<string?> UpdateAsync(NotificationChannel channel, NotificationChannelSpec spec, IReadOnlyDictionary<string, string> secretChanges, ManagedBy managedBy, CancellationToken cancellationToken)
    {
        var before = Spec(channel).ToDocument();
        var (notes, generated) = await WriteAsync(channel, spec, secrets.Open(channel), secretChanges, managedBy, time.StoredNow(), cancellationToken);
        audit.Record("notificationchannel.update", NotificationChannelSpec.KindName, spec.Name, before, spec.ToDocument(notes), managedBy.ToName());
        await SaveAsync(spec.Name, cancellationToken);
        return generated;
    }

    public async Task DeleteAsync(NotificationChannel channel, string source, CancellationToken cancellationToken)
    {
        audit.Record("notificationchannel.delete", NotificationChannelSpec.KindName, channel.Name, Spec(channel).ToDocument(), null, source);
        db.NotificationChannels.Remove(channel);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<(Dictionary<string, string> Notes, string? Generated)> WriteAsync(
        NotificationChannel channel, NotificationChannelSpec spec, Dictionary<string, string> stored, IReadOnlyDictionary<string, string> changes,
        ManagedBy managedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Name == spec.Team, cancellationToken);
        if (team is null)
        {
            errors.Add("team", $"team '{spec.Team}' does not exist.");
        }
        // A channel whose type changed keeps no secret of its old type.
        var merged = ChannelSecrets.Merge(spec.Kind, channel.Kind == spec.Kind ? stored : [], changes);
        var generated = ChannelSecrets.Complete(spec.Kind, merged, errors);
        ChannelTargetGuard.Check(spec, merged, await targets.AllowListAsync(cancellationToken), errors);
        if (!errors.IsEmpty)
        {
            throw new RequestValidationException(errors);
        }
        var notes = ChannelSecrets.Notes(stored, merged);
        spec.CopyTo(channel);
        channel.TeamId = team!.Id;
        channel.Team = team;
        channel.SealedSecrets = secrets.Seal(merged);
        channel.ManagedBy = managedBy;
        channel.Revision++;
        channel.UpdatedAt = now;
        return (notes, generated);
    }

    private async Task SaveAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RequestValidationException(new ValidationErrors().Add("revision", $"notification channel '{name}' was changed by someone else while this request ran; read it again and retry."), StatusCodes.Status412PreconditionFailed, "The object changed since you read it.");
        }
        catch (DbUpdateException exception) when (DatabaseProvider.IsUniqueViolation(exception))
        {
            throw NameTaken(name);
        }
    }

    private static RequestValidationException NameTaken(string name) =>
        new(new ValidationErrors().Add("name", $"a notification channel named '{name}' already exists."), StatusCodes.Status409Conflict, "The name is taken.");
}
