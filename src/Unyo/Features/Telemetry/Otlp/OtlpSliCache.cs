using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Telemetry.Ingest;

namespace Unyo.Features.Telemetry.Otlp;

// The OTLP SLIs and their selectors, cached per node: read again every 30 s (another node may
// have changed them) and at once after an SLI changes on this node (SliDirectory.Invalidate).
// Metric names that no SLI selects are not looked up: an SLI created on another node is seen
// within 30 s.
public sealed class OtlpSliCache(IServiceScopeFactory scopes, TimeProvider time, SliDirectory directory)
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile OtlpSelections _selections = OtlpSelections.Empty;

    public async ValueTask<OtlpSelections> CurrentAsync(CancellationToken cancellationToken)
    {
        var selections = _selections;
        if (Fresh(selections))
        {
            return selections;
        }
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (!Fresh(_selections))
            {
                var version = directory.Version;
                var loadedAt = time.GetUtcNow();
                _selections = new OtlpSelections(await LoadAsync(cancellationToken), loadedAt, version);
            }
            return _selections;
        }
        finally
        {
            _loading.Release();
        }
    }

    private bool Fresh(OtlpSelections selections) =>
        selections.Version == directory.Version && time.GetUtcNow() - selections.LoadedAt < SliDirectory.Expiry;

    private async Task<List<OtlpSli>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<UnyoDb>().Slis.AsNoTracking()
            .Where(s => s.Source == SliSource.Otlp)
            .Select(s => new { s.Id, s.Name, s.Kind, s.LatencyThresholdMs, s.SourceSettings })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new OtlpSli(r.Id, r.Name, r.Kind, r.LatencyThresholdMs,
            SliSourceSettings.FromStored(SliSource.Otlp, r.Kind, r.SourceSettings).Otlp!))];
    }
}
