using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Escalation;

public static class EscalationPolicyEndpoints
{
    public static async Task<Results<Ok<Page<EscalationPolicyResponse>>, ValidationProblem>> List(
        EscalationPolicyCatalog catalog, string? team, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (take, after) = Cursor.Read(cursor, limit, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        return TypedResults.Ok(await catalog.ListAsync(team, after, take, cancellationToken));
    }

    public static async Task<Results<Ok<EscalationPolicyResponse>, ProblemHttpResult>> Get(string name, EscalationPolicyCatalog catalog, HttpResponse response, CancellationToken cancellationToken)
    {
        var policy = await catalog.FindAsync(name, cancellationToken);
        if (policy is null)
        {
            return Problems.NotFound("Escalation policy", name);
        }
        ETags.Set(response, policy.Revision);
        return TypedResults.Ok(await catalog.ToResponseAsync(policy, cancellationToken));
    }

    public static async Task<Results<Created<EscalationPolicyResponse>, ValidationProblem, ProblemHttpResult>> Create(
        EscalationPolicyRequest request, EscalationPolicyCatalog catalog, TeamAccess access, UnyoDb db, ClaimsPrincipal user, HttpResponse response, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var spec = EscalationPolicyValidator.Validate(request, errors);
        if (spec is null)
        {
            return Problems.Validation(errors);
        }
        if (await access.PolicyRefusalAsync(db, user, null, spec.Team, cancellationToken) is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }
        var policy = await catalog.CreateAsync(spec, ManagedBy.Api, cancellationToken);
        ETags.Set(response, policy.Revision);
        return TypedResults.Created($"/api/v1/escalation-policies/{policy.Name}", await catalog.ToResponseAsync(policy, cancellationToken));
    }

    public static async Task<Results<Ok<EscalationPolicyResponse>, ValidationProblem, ProblemHttpResult>> Replace(
        string name, EscalationPolicyRequest request, EscalationPolicyCatalog catalog, TeamAccess access, UnyoDb db, ClaimsPrincipal user, HttpRequest http, CancellationToken cancellationToken)
    {
        var policy = await catalog.FindAsync(name, cancellationToken);
        if (policy is null)
        {
            return Problems.NotFound("Escalation policy", name);
        }
        if (!ETags.Matches(http, policy.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(policy.Revision));
        }
        var errors = new ValidationErrors();
        if (request.Name is not null && request.Name != name)
        {
            errors.Add("name", $"must match the URL ('{name}'); policies are not renamed.");
        }
        var spec = EscalationPolicyValidator.Validate(request with { Name = name }, errors);
        if (spec is null)
        {
            return Problems.Validation(errors);
        }
        if (await access.PolicyRefusalAsync(db, user, policy.Team!.Name, spec.Team, cancellationToken) is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }
        await catalog.UpdateAsync(policy, spec, ManagedBy.Api, cancellationToken);
        ETags.Set(http.HttpContext.Response, policy.Revision);
        return TypedResults.Ok(await catalog.ToResponseAsync(policy, cancellationToken));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string name, EscalationPolicyCatalog catalog, TeamAccess access, UnyoDb db, ClaimsPrincipal user, HttpRequest http, CancellationToken cancellationToken)
    {
        var policy = await catalog.FindAsync(name, cancellationToken);
        if (policy is null)
        {
            return Problems.NotFound("Escalation policy", name);
        }
        if (!ETags.Matches(http, policy.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(policy.Revision));
        }
        if (await access.PolicyRefusalAsync(db, user, policy.Team!.Name, null, cancellationToken) is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }
        await catalog.DeleteAsync(policy, ManagedBy.Api.ToName(), cancellationToken);
        return TypedResults.NoContent();
    }
}
