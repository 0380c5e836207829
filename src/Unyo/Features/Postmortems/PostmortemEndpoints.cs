using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Postmortems;

// /api/v1/postmortems. Whoever may see the incident may read its postmortem; whoever may also
// write (members and up) may work on it: a postmortem is written together, not owned.
public static class PostmortemEndpoints
{
    public static async Task<Results<Ok<Page<PostmortemSummaryResponse>>, ValidationProblem>> List(
        string? q, string? state, int? limit, PostmortemCatalog catalog, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var wanted = state is null ? null : PostmortemNames.ParseState(state);
        if (state is not null && wanted is null)
        {
            errors.Add("state", $"'{state}' is not a state; use draft, in_review or published.");
        }
        if (limit is < 1 or > 500)
        {
            errors.Add("limit", "must be 1 to 500.");
        }
        if (q is { Length: > 200 })
        {
            errors.Add("q", "must be at most 200 characters.");
        }
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        return TypedResults.Ok(new Page<PostmortemSummaryResponse>(await catalog.ListAsync(user, q, wanted, limit ?? 100, cancellationToken), null));
    }

    public static async Task<Results<Created<PostmortemResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreatePostmortemRequest request, PostmortemCatalog catalog, ClaimsPrincipal user, HttpResponse response, CancellationToken cancellationToken)
    {
        if (request.Incident is not { } incident)
        {
            return Problems.Validation("incident", "the number of the incident the postmortem is about is required.");
        }
        if (await catalog.CreateAsync(incident, user, cancellationToken) is not { } created)
        {
            return Problems.Validation("incident", $"there is no incident {incident}.");
        }
        return await CreatedAsync(created, catalog, response, cancellationToken);
    }

    public static async Task<Results<Created<PostmortemResponse>, ValidationProblem, ProblemHttpResult>> CreateForIncident(
        string id, PostmortemCatalog catalog, ClaimsPrincipal user, HttpResponse response, CancellationToken cancellationToken)
    {
        if (Number(id) is not { } incident || await catalog.CreateAsync(incident, user, cancellationToken) is not { } created)
        {
            return Problems.NotFound("Incident", id);
        }
        return await CreatedAsync(created, catalog, response, cancellationToken);
    }

    private static async Task<Created<PostmortemResponse>> CreatedAsync((Postmortem, Incidents.Incident) created, PostmortemCatalog catalog, HttpResponse response, CancellationToken cancellationToken)
    {
        var (postmortem, incident) = created;
        ETags.Set(response, postmortem.Revision);
        return TypedResults.Created($"/api/v1/postmortems/{postmortem.Id}", await catalog.ToResponseAsync(postmortem, incident, cancellationToken));
    }

    public static async Task<Results<Ok<PostmortemResponse>, ProblemHttpResult>> Get(
        string id, PostmortemCatalog catalog, ClaimsPrincipal user, HttpResponse response, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, catalog, user, cancellationToken) is not var (postmortem, incident))
        {
            return Problems.NotFound("Postmortem", id);
        }
        ETags.Set(response, postmortem.Revision);
        return TypedResults.Ok(await catalog.ToResponseAsync(postmortem, incident, cancellationToken));
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> Export(
        string id, PostmortemCatalog catalog, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, catalog, user, cancellationToken) is not var (postmortem, incident))
        {
            return Problems.NotFound("Postmortem", id);
        }
        var markdown = PostmortemExport.Markdown(await catalog.ToResponseAsync(postmortem, incident, cancellationToken));
        return TypedResults.Text(markdown, "text/markdown; charset=utf-8");
    }

    public static async Task<Results<Ok<PostmortemResponse>, ValidationProblem, ProblemHttpResult>> Update(
        string id, UpdatePostmortemRequest request, PostmortemCatalog catalog, ClaimsPrincipal user, HttpRequest http, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, catalog, user, cancellationToken) is not var (postmortem, incident))
        {
            return Problems.NotFound("Postmortem", id);
        }
        if (!ETags.Matches(http, postmortem.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(postmortem.Revision));
        }
        var errors = new ValidationErrors();
        if (PostmortemEdit.Validate(request, errors) is not { } edit)
        {
            return Problems.Validation(errors);
        }
        await catalog.UpdateAsync(postmortem, edit, cancellationToken);
        ETags.Set(http.HttpContext.Response, postmortem.Revision);
        return TypedResults.Ok(await catalog.ToResponseAsync(postmortem, incident, cancellationToken));
    }

    public static async Task<Results<Ok<PostmortemResponse>, ValidationProblem, ProblemHttpResult>> Transition(
        string id, PostmortemTransitionRequest request, PostmortemCatalog catalog, ClaimsPrincipal user, HttpRequest http, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, catalog, user, cancellationToken) is not var (postmortem, incident))
        {
            return Problems.NotFound("Postmortem", id);
        }
        if (!ETags.Matches(http, postmortem.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(postmortem.Revision));
        }
        if (PostmortemNames.ParseState(request.State) is not { } state)
        {
            return Problems.Validation("state", $"'{request.State}' is not a state; use draft, in_review or published.");
        }
        await catalog.TransitionAsync(postmortem, state, user, cancellationToken);
        ETags.Set(http.HttpContext.Response, postmortem.Revision);
        return TypedResults.Ok(await catalog.ToResponseAsync(postmortem, incident, cancellationToken));
    }

    public static async Task<Results<Ok<PostmortemResponse>, ProblemHttpResult>> RefreshTimeline(
        string id, PostmortemCatalog catalog, ClaimsPrincipal user, HttpRequest http, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, catalog, user, cancellationToken) is not var (postmortem, incident))
        {
            return Problems.NotFound("Postmortem", id);
        }
        if (!ETags.Matches(http, postmortem.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(postmortem.Revision));
        }
        await catalog.RefreshTimelineAsync(postmortem, cancellationToken);
        ETags.Set(http.HttpContext.Response, postmortem.Revision);
        return TypedResults.Ok(await catalog.ToResponseAsync(postmortem, incident, cancellationToken));
    }

    public static async Task<Results<Created<PostmortemCommentResponse>, ValidationProblem, ProblemHttpResult>> Comment(
        string id, PostmortemCommentRequest request, PostmortemCatalog catalog, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, catalog, user, cancellationToken) is not var (postmortem, _))
        {
            return Problems.NotFound("Postmortem", id);
        }
        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > PostmortemLimits.Comment)
        {
            return Problems.Validation("text", $"must be 1 to {PostmortemLimits.Comment:N0} characters of Markdown.");
        }
        var comment = await catalog.CommentAsync(postmortem, request.Text, user, cancellationToken);
        return TypedResults.Created($"/api/v1/postmortems/{postmortem.Id}", new PostmortemCommentResponse(comment.Id, comment.Author, comment.At, comment.Text));
    }

    internal static async Task<(Postmortem, Incidents.Incident)?> FindAsync(string id, PostmortemCatalog catalog, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        Number(id) is { } number ? await catalog.FindAsync(number, user, cancellationToken) : null;

    internal static long? Number(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
}
