using Microsoft.EntityFrameworkCore;
using Unyo.Data;

namespace Unyo.Features.Telemetry.PrometheusSource;

// One cycle over every prometheus SLI, a few at a time, each in its own scope: one slow or
// broken engine holds one slot until its timeout, and the other SLIs are read meanwhile.
public sealed class PrometheusSourceCycle(IServiceScopeFactory scopes, ILogger<PrometheusSourceCycle> logger)
{
    public async Task<int> ReadAllAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<Sli> slis;
        await using (var scope = scopes.CreateAsyncScope())
        {
            slis = await scope.ServiceProvider.GetRequiredService<UnyoDb>().Slis.AsNoTracking()
                .Where(s => s.Source == SliSource.Prometheus).OrderBy(s => s.Name).ToListAsync(cancellationToken);
        }
        var written = 0;
        await Parallel.ForEachAsync(slis, new ParallelOptions { MaxDegreeOfParallelism = PrometheusSourceOptions.Concurrency, CancellationToken = cancellationToken }, async (sli, token) =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var queries = SliSourceSettings.FromStored(sli.Source, sli.Kind, sli.SourceSettings).Prometheus!;
                var result = await scope.ServiceProvider.GetRequiredService<PrometheusSliReader>().ReadAsync(sli, queries, now, token);
                Interlocked.Add(ref written, result?.Written ?? 0);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Reading prometheus SLI {Sli} failed", sli.Name);
            }
        });
        return written;
    }
}
