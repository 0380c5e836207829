using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Postmortems;

// /api/v1/postmortems/{id}/action-items: the follow-up of a postmortem.
public static class ActionItemEndpoints
{
    public static async Task<Results<Ok<IReadOnlyList<ActionItemResponse>>, ProblemHttpResult>> List(
        string id, PostmortemCatalog catalog, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await PostmortemEndpoints.FindAsync(id, catalog, user, cancellationToken) is not var (postmortem, _))
        {
            return Problems.NotFound("Postmortem", id);
        }
        var today = catalog.Today();
        return TypedResults.Ok<IReadOnlyList<ActionItemResponse>>([.. (await catalog.ItemsAsync(postmortem.Id, cancellationToken)).Select(a => PostmortemCatalog.ToResponse(a, today))]);
    }

    public static async Task<Results<Created<ActionItemResponse>, ValidationProblem, ProblemHttpResult>> Add(
        string id, ActionItemRequest request, PostmortemCatalog catalog, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await PostmortemEndpoints.FindAsync(id, catalog, user, cancellationToken) is not var (postmortem, _))
        {
            return Problems.NotFound("Postmortem", id);
        }
        var errors = new ValidationErrors();
        if (ActionItemSpec.Validate(request, errors) is not { } spec)
        {
            return Problems.Validation(errors);
        }
        var item = await catalog.AddItemAsync(postmortem, spec, cancellationToken);
        return TypedResults.Created($"/api/v1/postmortems/{postmortem.Id}/action-items/{item.Id}", PostmortemCatalog.ToResponse(item, catalog.Today()));
    }

    public static async Task<Results<Ok<ActionItemResponse>, ValidationProblem, ProblemHttpResult>> Replace(
        string id, string item, ActionItemRequest request, PostmortemCatalog catalog, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await PostmortemEndpoints.FindAsync(id, catalog, user, cancellationToken) is not var (postmortem, _))
        {
            return Problems.NotFound("Postmortem", id);
        }
        if (PostmortemEndpoints.Number(item) is not { } itemId || await catalog.FindItemAsync(postmortem.Id, itemId, cancellationToken) is not { } found)
        {
            return Problems.NotFound("Action item", item);
        }
        var errors = new ValidationErrors();
        if (ActionItemSpec.Validate(request, errors) is not { } spec)
        {
            return Problems.Validation(errors);
        }
        await catalog.UpdateItemAsync(postmortem, found, spec, cancellationToken);
        return TypedResults.Ok(PostmortemCatalog.ToResponse(found, catalog.Today()));
    }
}
