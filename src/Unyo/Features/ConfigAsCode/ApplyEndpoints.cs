using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.ConfigAsCode;

public static class ApplyEndpoints
{
    public static async Task<Results<Ok<ApplyResponse>, ValidationProblem, ProblemHttpResult>> Apply(
        ApplyRequest request, ApplyEngine engine, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!request.DryRun && user.IsInRole("viewer"))
        {
            return Problems.Forbidden("Viewers may plan (dryRun) but not apply.");
        }
        var outcome = await engine.RunAsync(request, user, cancellationToken);
        if (outcome.IsForbidden)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "You may not change some of these objects.",
                extensions: new Dictionary<string, object?> { ["errors"] = outcome.Errors!.ToDictionary() });
        }
        return outcome.Errors is { } errors
            ? Problems.Validation(errors, "The configuration is not valid; nothing was applied.")
            : TypedResults.Ok(outcome.Response!);
    }

    public static async Task<IResult> Export(ApplyEngine engine, ClaimsPrincipal user, string? format, CancellationToken cancellationToken)
    {
        if (format is not (null or "yaml" or "openslo"))
        {
            return Problems.Validation("format", $"'{format}' must be yaml (Unyo's own kinds, the default) or openslo (OpenSLO v1: SLIs, SLOs and their alert policies).");
        }
        var documents = new Dictionary<string, List<System.Text.Json.Nodes.JsonObject>>(StringComparer.Ordinal);
        var kinds = engine.Kinds.Where(k => k.CanRead(user) && (format != "openslo" || k.Kind is "SLI" or "SLO"));
        foreach (var kind in kinds)
        {
            var objects = await kind.LoadAsync(cancellationToken);
            documents[kind.Kind] = [.. objects.OrderBy(o => o.Definition.Name, StringComparer.Ordinal).Select(o => kind.ToDocument(o.Definition))];
        }
        var written = format == "openslo"
            ? OpenSloExporter.Export(documents.GetValueOrDefault("SLI") ?? [], documents.GetValueOrDefault("SLO") ?? [])
            : documents.Values.SelectMany(d => d);
        return TypedResults.Text(YamlExporter.Write(written), "application/yaml; charset=utf-8");
    }
}
