namespace Unyo.Features.Slos;

// An SLI's window sums less the minutes an SLO leaves out for maintenance: the running sums hold
// every minute, and the excluded minutes (read each cycle, see SloEvaluator) are subtracted by
// window through prefix sums. Exact: the same minutes the minute path filters out.
public sealed class ExcludingSums : IWindowSums
{
    private readonly IWindowSums _all;
    private readonly long[] _minutes;
    private readonly long[] _good;
    private readonly long[] _total;

    // `excluded`: the SLI's rows inside its maintenance ranges, in any order.
    public ExcludingSums(IWindowSums all, IEnumerable<(long Minute, EventCounts Counts)> excluded)
    {
        _all = all;
        var rows = excluded.OrderBy(r => r.Minute).ToList();
        _minutes = [.. rows.Select(r => r.Minute)];
        _good = new long[rows.Count + 1];
        _total = new long[rows.Count + 1];
        for (var i = 0; i < rows.Count; i++)
        {
            _good[i + 1] = _good[i] + rows[i].Counts.Good;
            _total[i + 1] = _total[i] + rows[i].Counts.Total;
        }
    }

    public EventCounts Sum(long first, long last)
    {
        var from = LowerBound(first);
        var to = LowerBound(last + 1);
        return _all.Sum(first, last) - new EventCounts(_good[to] - _good[from], _total[to] - _total[from]);
    }

    private int LowerBound(long minute)
    {
        var index = Array.BinarySearch(_minutes, minute);
        return index >= 0 ? index : ~index;
    }
}
