using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Unyo.Features.Telemetry.Otlp;

// Keeps OTLP from writing an SLI's source status on every request: data arrival is recorded at
// most every 15 s per SLI and node (at once when it ends an error), an error when its message is new or
// the last record of it is 15 s old. The status row stays accurate to within that.
public sealed class OtlpSourceReports(IServiceScopeFactory scopes, TimeProvider time, ILogger<OtlpSourceReports> logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<Guid, Reported> _reported = new();

    private sealed record Reported(DateTimeOffset? DataAt, string? Error, DateTimeOffset? ErrorAt, bool ErrorSinceData);

    public async Task RecordAsync(OtlpAggregation aggregation, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var data = aggregation.Fed.Where(sli => _reported.GetValueOrDefault(sli) is not { } last
            || (last.ErrorSinceData && !aggregation.Errors.ContainsKey(sli)) || last.DataAt is not { } at || now - at >= Interval).ToList();
        var errors = aggregation.Errors.Where(e => _reported.GetValueOrDefault(e.Key) is not { } last
            || !last.ErrorSinceData || last.Error != e.Value || last.ErrorAt is not { } at || now - at >= Interval).ToList();
        if (data.Count == 0 && errors.Count == 0)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var health = scope.ServiceProvider.GetRequiredService<SliSourceHealth>();
        try
        {
            // Data first: an error of the same request stays current after it.
            foreach (var sli in data)
            {
                await health.RecordDataAsync(sli, null, cancellationToken);
                _reported.AddOrUpdate(sli, _ => new Reported(now, null, null, false), (_, last) => last with { DataAt = now, ErrorSinceData = false });
            }
            foreach (var (sli, error) in errors)
            {
                await health.RecordErrorAsync(sli, error, cancellationToken);
                _reported.AddOrUpdate(sli, _ => new Reported(null, error, now, true), (_, last) => last with { Error = error, ErrorAt = now, ErrorSinceData = true });
            }
        }
        catch (DbUpdateException exception)
        {
            // The points are counted already: failing the request now would make the sender
            // retry and count them twice. A status row is refused when its SLI was just deleted.
            logger.LogWarning(exception, "Recording the source status of OTLP SLIs failed; it is recorded with their next data");
        }
    }
}
