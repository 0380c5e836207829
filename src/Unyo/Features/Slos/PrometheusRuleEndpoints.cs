using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Telemetry;
using Unyo.Hosting;

namespace Unyo.Features.Slos;

public static class PrometheusRuleEndpoints
{
    // GET /api/v1/slos/{name}/prometheus-rules: the SLO as a Prometheus rule file (YAML). Only
    // for SLOs whose SLI reads from Prometheus: for other sources Prometheus has no series to
    // compute the error ratio from.
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> Get(string name, UnyoDb db, HttpRequest request, TimeProvider time, CancellationToken cancellationToken)
    {
        var slo = await db.Slos.AsNoTracking().Include(s => s.Service).Include(s => s.Sli).AsSplitQuery().SingleOrDefaultAsync(s => s.Name == name, cancellationToken);
        if (slo is null)
        {
            return Problems.NotFound("SLO", name);
        }
        var sli = slo.Sli!;
        if (sli.Source != SliSource.Prometheus)
        {
            return Problems.Conflict($"SLO '{name}' judges SLI '{sli.Name}', whose source is {sli.Source.ToName()}: Prometheus rules need an SLI that Prometheus measures (source prometheus). Unyo evaluates this SLO's burn-rate alerts itself.");
        }
        var queries = SliSourceSettings.FromStored(sli.Source, sli.Kind, sli.SourceSettings).Prometheus!;
        var page = new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/slos/{Uri.EscapeDataString(slo.Name)}");
        return TypedResults.Text(PrometheusRuleFile.Write(slo, queries, page, time.GetUtcNow()), "application/yaml; charset=utf-8");
    }
}
