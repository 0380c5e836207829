using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.Checks;

// Keeps the last CheckOptions.RawResults raw results of each check and CheckOptions.MinuteDays
// of minutes. State changes are history (the check page's timeline) and stay with the check.
public sealed class ForgetOldCheckResults(UnyoDb db, CheckOptions options, TimeProvider time) : IHousekeepingTask
{
    public string Name => "old check results";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var oldest = Telemetry.SliMinute.Of(time.GetUtcNow() - TimeSpan.FromDays(options.MinuteDays));
        var forgotten = await db.CheckMinutes.Where(m => m.Minute < oldest).ExecuteDeleteAsync(cancellationToken);
        // Per check, results at or below its Nth newest id go: one statement over the (check, id) index.
        var keep = options.RawResults;
        forgotten += await db.CheckResults
            .Where(r => r.Id <= db.CheckResults.Where(x => x.CheckId == r.CheckId).OrderByDescending(x => x.Id).Skip(keep).Select(x => x.Id).FirstOrDefault())
            .ExecuteDeleteAsync(cancellationToken);
        return forgotten;
    }
}
