using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Hosting;

namespace Unyo.Features.Deploys;

public static class ErrorBudgetPolicyEndpoints
{
    public static async Task<Results<Ok<Page<ErrorBudgetPolicyResponse>>, ValidationProblem>> List(
        ErrorBudgetPolicyCatalog catalog, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (take, after) = Cursor.Read(cursor, limit, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        return TypedResults.Ok(await catalog.ListAsync(after, take, cancellationToken));
    }

    public static async Task<Results<Ok<ErrorBudgetPolicyResponse>, ProblemHttpResult>> Get(string name, ErrorBudgetPolicyCatalog catalog, HttpResponse response, CancellationToken cancellationToken)
    {
        var policy = await catalog.GetAsync(name, cancellationToken);
        if (policy is null)
        {
            return Problems.NotFound("Error-budget policy", name);
        }
        ETags.Set(response, policy.Revision);
        return TypedResults.Ok(policy);
    }

    public static async Task<Results<Created<ErrorBudgetPolicyResponse>, ValidationProblem, ProblemHttpResult>> Create(
        ErrorBudgetPolicyRequest request, ErrorBudgetPolicyCatalog catalog, TeamAccess access, UnyoDb db, ClaimsPrincipal user, HttpResponse response, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var spec = ErrorBudgetPolicyValidator.Validate(request, errors);
        if (spec is null)
        {
            return Problems.Validation(errors);
        }
        if (await access.RefusalAsync(db, user, [(spec.IsDefault, spec.Services)], cancellationToken) is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }
        var policy = await catalog.CreateAsync(spec, ManagedBy.Api, cancellationToken);
        ETags.Set(response, policy.Revision);
        return TypedResults.Created($"/api/v1/error-budget-policies/{policy.Name}", ErrorBudgetPolicyCatalog.ToResponse(policy));
    }

    public static async Task<Results<Ok<ErrorBudgetPolicyResponse>, ValidationProblem, ProblemHttpResult>> Replace(
        string name, ErrorBudgetPolicyRequest request, ErrorBudgetPolicyCatalog catalog, TeamAccess access, UnyoDb db, ClaimsPrincipal user, HttpRequest http, CancellationToken cancellationToken)
    {
        var policy = await catalog.FindAsync(name, cancellationToken);
        if (policy is null)
        {
            return Problems.NotFound("Error-budget policy", name);
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
        var spec = ErrorBudgetPolicyValidator.Validate(request with { Name = name }, errors);
        if (spec is null)
        {
            return Problems.Validation(errors);
        }
        var before = ErrorBudgetPolicyCatalog.Spec(policy);
        if (await access.RefusalAsync(db, user, [(before.IsDefault, before.Services), (spec.IsDefault, spec.Services)], cancellationToken) is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }
        await catalog.UpdateAsync(policy, spec, ManagedBy.Api, cancellationToken);
        ETags.Set(http.HttpContext.Response, policy.Revision);
        return TypedResults.Ok(ErrorBudgetPolicyCatalog.ToResponse(policy));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string name, ErrorBudgetPolicyCatalog catalog, TeamAccess access, UnyoDb db, ClaimsPrincipal user, HttpRequest http, CancellationToken cancellationToken)
    {
        var policy = await catalog.FindAsync(name, cancellationToken);
        if (policy is null)
        {
            return Problems.NotFound("Error-budget policy", name);
        }
        if (!ETags.Matches(http, policy.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(policy.Revision));
        }
        var before = ErrorBudgetPolicyCatalog.Spec(policy);
        if (await access.RefusalAsync(db, user, [(before.IsDefault, before.Services)], cancellationToken) is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }
        await catalog.DeleteAsync(policy, ManagedBy.Api.ToName(), cancellationToken);
        return TypedResults.NoContent();
    }

    // `GET /api/v1/services/{name}/error-budget-policy`: what governs the service, and from where.
    public static async Task<Results<Ok<EffectiveErrorBudgetPolicyResponse>, ProblemHttpResult>> Effective(
        string name, ErrorBudgetPolicyCatalog catalog, CancellationToken cancellationToken)
    {
        if (await catalog.EffectiveAsync(name, cancellationToken) is not { } effective)
        {
            return Problems.NotFound("Service", name);
        }
        var rules = effective.Rules;
        return TypedResults.Ok(new EffectiveErrorBudgetPolicyResponse(
            name, effective.Source, effective.Name, effective.Description, ErrorBudgetPolicySpec.ToContract(rules.Steps),
            rules.FreezeWhilePaging, rules.ExemptLabels, rules.Describe()));
    }
}
