using Microsoft.EntityFrameworkCore;
using Unyo.Data;

namespace Unyo.Features.Slos;

// The SLOs the evaluation worker evaluates, with their definitions, kept between cycles. Each
// cycle reads every SLO's id and revision, and whole rows only for SLOs that are new or changed:
// materialising 10,000 SLOs (their rules are JSON) every minute costs more than evaluating them.
public sealed class SloRoster(ILogger<SloRoster> logger)
{
    private Dictionary<Guid, SloEntry> _entries = [];

    // The SLOs as of now, by name. An SLO whose definition cannot be built (a timezone this host
    // lacks, say) is logged on every load and left out, and the others are still evaluated.
    public async Task<IReadOnlyList<SloEntry>> CurrentAsync(UnyoDb db, CancellationToken cancellationToken)
    {
        var versions = await db.Slos.AsNoTracking()
            .Select(s => new { s.Id, s.Revision, s.UpdatedAt })
            .ToListAsync(cancellationToken);
        var known = _entries;
        var stale = versions
            .Where(v => !known.TryGetValue(v.Id, out var entry) || entry.Slo.Revision != v.Revision || entry.Slo.UpdatedAt != v.UpdatedAt)
            .Select(v => v.Id)
            .ToHashSet();
        var query = db.Slos.AsNoTracking();
        if (stale.Count <= 500)
        {
            // Beyond a few hundred ids, sending the list costs more than reading every row.
            var ids = stale.ToList();
            query = query.Where(s => ids.Contains(s.Id));
        }
        var loaded = stale.Count == 0 ? [] : await query.ToListAsync(cancellationToken);
        var entries = new Dictionary<Guid, SloEntry>(versions.Count);
        foreach (var slo in loaded)
        {
            try
            {
                entries[slo.Id] = new SloEntry(slo, slo.ToDefinition());
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "SLO {Slo} cannot be evaluated", slo.Name);
            }
        }
        foreach (var version in versions)
        {
            if (!entries.ContainsKey(version.Id) && !stale.Contains(version.Id) && known.TryGetValue(version.Id, out var entry))
            {
                entries[version.Id] = entry;
            }
        }
        _entries = entries;
        return [.. entries.Values.OrderBy(e => e.Slo.Name, StringComparer.Ordinal)];
    }
}

public sealed record SloEntry(Slo Slo, SloDefinition Definition)
{
    // The rolling window lengths, in minutes, that the running sums must keep for this SLO.
    public IReadOnlySet<long> RollingLengths { get; } = SloCalculator.RollingWindowMinutes(Definition).ToHashSet();
}
