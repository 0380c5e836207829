using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.Incidents.Policy;

// GET for everyone who may read (people taking a role need its duties); PUT for admins.
public static class IncidentPolicyEndpoints
{
    public static async Task<Ok<IncidentPolicyResponse>> Get(IncidentPolicies policies, HttpResponse response, CancellationToken cancellationToken)
    {
        var (spec, stored) = await policies.CurrentAsync(cancellationToken);
        ETags.Set(response, stored?.Revision ?? 0);
        return TypedResults.Ok(IncidentPolicies.ToResponse(spec, stored));
    }

    public static async Task<Results<Ok<IncidentPolicyResponse>, ValidationProblem, ProblemHttpResult>> Replace(
        IncidentPolicyDocument? request, IncidentPolicies policies, UnyoDb db, HttpRequest http, CancellationToken cancellationToken)
    {
        var (_, current) = await policies.CurrentAsync(cancellationToken);
        if (!ETags.Matches(http, current?.Revision ?? 0))
        {
            return Problems.PreconditionFailed(ETags.For(current?.Revision ?? 0));
        }
        var errors = new ValidationErrors();
        var spec = IncidentPolicyValidator.Validate(request, errors);
        if (spec is not null)
        {
            var named = spec.Rules.SelectMany(r => r.Services).Distinct().ToList();
            var known = await db.Services.Where(s => named.Contains(s.Name)).Select(s => s.Name).ToListAsync(cancellationToken);
            for (var i = 0; i < spec.Rules.Count; i++)
            {
                for (var j = 0; j < spec.Rules[i].Services.Count; j++)
                {
                    if (!known.Contains(spec.Rules[i].Services[j]))
                    {
                        errors.Add($"rules[{i}].match.services[{j}]", $"service '{spec.Rules[i].Services[j]}' does not exist.");
                    }
                }
            }
        }
        if (spec is null || !errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        var stored = await policies.SaveAsync(spec, ManagedBy.Api, current?.Revision ?? 0, "api", cancellationToken);
        ETags.Set(http.HttpContext.Response, stored.Revision);
        return TypedResults.Ok(IncidentPolicies.ToResponse(spec, stored));
    }
}
