namespace Unyo.Features.OnCall.Analytics;

// Order statistics over small in-memory samples (one value per alert).
public static class Quantiles
{
    // Linear interpolation between the closest ranks (the spreadsheet's PERCENTILE.INC): the
    // median of 1, 2, 3, 10 is 2.5 and its 90th percentile 7.9. Null for no values.
    public static double? Of(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            return null;
        }
        var rank = q * (sorted.Count - 1);
        var below = (int)Math.Floor(rank);
        var above = Math.Min(below + 1, sorted.Count - 1);
        // Milliseconds are plenty for response times and keep 0.9 × 240 from printing as 216.00000000000003.
        return Math.Round(sorted[below] + ((rank - below) * (sorted[above] - sorted[below])), 3);
    }
}
