using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;

namespace Unyo.Features.Alerts;

// Finds an integration by its key for every intake request. Found keys are kept for a few
// seconds, so a burst reads the table once; a write on this node forgets them at once, and other
// nodes within CacheFor (a rotated or deleted key keeps working there for at most that long).
public sealed class IntegrationDirectory(IServiceScopeFactory scopes, TimeProvider time)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (IntegrationRef? Integration, DateTimeOffset Until)> _byHash = new();

    public async ValueTask<IntegrationRef?> FindAsync(string? key, IntegrationKind kind, CancellationToken cancellationToken)
    {
        if (!IntegrationKeys.LooksValid(key))
        {
            return null;
        }
        var hash = IntegrationKeys.Hash(key!);
        var now = time.GetUtcNow();
        if (!_byHash.TryGetValue(hash, out var cached) || cached.Until <= now)
        {
            cached = (await LoadAsync(hash, cancellationToken), now + CacheFor);
            _byHash[hash] = cached;
        }
        // A key of another kind is as unknown as no key: the caller's 404 reveals nothing.
        return cached.Integration is { } found && found.Kind == kind ? found : null;
    }

    public void Forget() => _byHash.Clear();

    private async Task<IntegrationRef?> LoadAsync(string hash, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        return await db.Integrations.AsNoTracking()
            .Where(i => i.KeyHash == hash)
            .Select(i => new IntegrationRef(i.Id, i.Name, i.Kind, i.ServiceId, i.Service!.Name, i.Service.TeamId, i.Mapping, i.UrgencyRule))
            .SingleOrDefaultAsync(cancellationToken);
    }
}
