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

    public static async Task<IResult> Export(ApplyEngine engine, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var documents = new List<System.Text.Json.Nodes.JsonObject>();
        foreach (var kind in engine.Kinds.Where(k => k.CanRead(user)))
        {
            var objects = await kind.LoadAsync(cancellationToken);
            documents.AddRange(objects.OrderBy(o => o.Definition.Name, StringComparer.Ordinal).Select(o => kind.ToDocument(o.Definition)));
        }
        return TypedResults.Text(YamlExporter.Write(documents), "application/yaml; charset=utf-8");
    }
}
