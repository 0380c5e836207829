using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Telemetry.Ingest;
using Unyo.Hosting;

namespace Unyo.Features.Telemetry.Otlp;

// A series state older than the late horizon only ever serves as a baseline, and a missing state
// gives the same answer (OtlpAggregator), so series that stopped reporting are forgotten an hour
// after that.
public sealed class ForgetStaleOtlpSeries(UnyoDb db, TimeProvider time, SliIngestOptions options) : IHousekeepingTask
{
    public string Name => "OTLP series that stopped reporting";

    public Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = (long)OtlpValues.UnixNano(time.GetUtcNow() - options.LateHorizon - TimeSpan.FromHours(1));
        return db.OtlpSeries.Where(s => s.LastUnixNano < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
