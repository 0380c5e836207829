using Microsoft.EntityFrameworkCore;
using Unyo.Data;

namespace Unyo.Features.Telemetry.Ingest;

// SLI names for ingest, cached per node. The whole list is read again every 30 s (kinds and
// thresholds change, SLIs are deleted); a name the cache does not know is looked up in the
// database before the event is refused, so an SLI created a second ago is accepted. Lookups are
// one at a time per node and at most MaxUnknownNames names each: a sender of unknown names costs
// one small query at a time, never a storm.
public sealed class SliDirectory(IServiceScopeFactory scopes, TimeProvider time)
{
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile SliNames _names = SliNames.Empty;

    public async ValueTask<SliNames> CurrentAsync(CancellationToken cancellationToken)
    {
        var names = _names;
        if (time.GetUtcNow() - names.LoadedAt < Expiry)
        {
            return names;
        }
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (time.GetUtcNow() - _names.LoadedAt >= Expiry)
            {
                var loadedAt = time.GetUtcNow();
                _names = new SliNames(await QueryAsync(null, cancellationToken), loadedAt);
            }
            return _names;
        }
        finally
        {
            _loading.Release();
        }
    }

    // Looks up names missing from the cache and adds those that exist.
    public async Task<SliNames> FindAsync(IReadOnlyCollection<string> missing, CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            var names = _names;
            var still = missing.Where(n => !names.Contains(n)).ToList();
            if (still.Count > 0)
            {
                var found = await QueryAsync(still, cancellationToken);
                if (found.Count > 0)
                {
                    _names = names.With(found);
                }
            }
            return _names;
        }
        finally
        {
            _loading.Release();
        }
    }

    private int _version;

    // Counts invalidations, so other caches of SLIs (OtlpSliCache) reload with this one.
    public int Version => Volatile.Read(ref _version);

    // The next request reads the whole list again (for whoever changes SLIs on this node).
    public void Invalidate()
    {
        _names = SliNames.Empty;
        Interlocked.Increment(ref _version);
    }

    private async Task<List<SliTarget>> QueryAsync(List<string>? only, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var slis = scope.ServiceProvider.GetRequiredService<UnyoDb>().Slis.AsNoTracking();
        if (only is not null)
        {
            slis = slis.Where(s => only.Contains(s.Name));
        }
        return await slis.Select(s => new SliTarget(s.Id, s.Name, s.Kind, s.LatencyThresholdMs, s.Source)).ToListAsync(cancellationToken);
    }
}
