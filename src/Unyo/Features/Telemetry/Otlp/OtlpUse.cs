namespace Unyo.Features.Telemetry.Otlp;

// One point that one SLI selects: for a ratio SLI as good, total or both; for a latency SLI as
// its histogram. Series is set for cumulative points, whose increase needs the series' state.
public sealed record OtlpUse(OtlpSli Sli, OtlpMetric Metric, OtlpPoint Point, bool Good, bool Total, Guid Series)
{
    // Every (SLI, point) pair whose attributes the SLI's selectors accept.
    public static List<OtlpUse> Match(OtlpBatch batch, OtlpSelections selections)
    {
        var uses = new List<OtlpUse>();
        foreach (var metric in batch.Metrics)
        {
            var slis = selections.For(metric.Name);
            foreach (var point in metric.Points)
            {
                string? Attribute(string key) => point.Attribute(key, metric.Resource);
                Guid? series = null;
                foreach (var sli in slis)
                {
                    bool good, total;
                    if (sli.Kind == SliKind.Latency)
                    {
                        good = total = Selects(sli.Selection.Histogram, metric, Attribute);
                    }
                    else
                    {
                        good = Selects(sli.Selection.Good, metric, Attribute);
                        total = Selects(sli.Selection.Total, metric, Attribute);
                    }
                    if (good || total)
                    {
                        series ??= metric.Temporality == OtlpTemporality.Cumulative ? OtlpSeries.Identify(metric, point) : Guid.Empty;
                        uses.Add(new OtlpUse(sli, metric, point, good, total, series.Value));
                    }
                }
            }
        }
        return uses;
    }

    private static bool Selects(OtlpSelector? selector, OtlpMetric metric, Func<string, string?> attribute) =>
        selector is not null && selector.Metric == metric.Name && selector.Matches(attribute);
}
