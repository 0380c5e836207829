using Unyo.Features.Catalog;
using Unyo.Features.ConfigAsCode;
using Unyo.Features.Deploys.Pages;
using Unyo.Hosting;

namespace Unyo.Features.Deploys;

public static class DeploysModule
{
    public static IServiceCollection AddDeploys(this IServiceCollection services) =>
        services.AddScoped<ReleaseGate>()
                .AddScoped<ErrorBudgetPolicyCatalog>()
                .AddScoped<IServiceReferences, ErrorBudgetPolicyReferences>()
                .AddScoped<IConfigKind, ErrorBudgetPolicyKind>()
                .AddSingleton(new ServicePageSection(typeof(ServiceBudgetPolicy), 20));

    public static IEndpointRouteBuilder MapDeploys(this IEndpointRouteBuilder app)
    {
        // Pipelines ask with read tokens; only admins override, with a reason on record.
        var gate = app.MapGroup("/api/v1/services/{name}/release-gate").WithTags("Release gate").RequireAuthorization(Policies.Read);
        gate.MapGet("/", ReleaseGateEndpoints.Get);
        gate.MapGet("/overrides", ReleaseGateEndpoints.ListOverrides);
        gate.MapPost("/overrides", ReleaseGateEndpoints.CreateOverride).RequireAuthorization(Policies.Admin);
        gate.MapDelete("/overrides/{id:guid}", ReleaseGateEndpoints.EndOverride).RequireAuthorization(Policies.Admin);
        app.MapGet("/api/v1/services/{name}/error-budget-policy", ErrorBudgetPolicyEndpoints.Effective).WithTags("Error-budget policies").RequireAuthorization(Policies.Read);

        // Members write policies for their own teams' services; the handlers check whose they are,
        // and keep the organisation default for admins.
        var policies = app.MapGroup("/api/v1/error-budget-policies").WithTags("Error-budget policies").RequireAuthorization(Policies.Read);
        policies.MapGet("/", ErrorBudgetPolicyEndpoints.List);
        policies.MapGet("/{name}", ErrorBudgetPolicyEndpoints.Get);
        policies.MapPost("/", ErrorBudgetPolicyEndpoints.Create).RequireAuthorization(Policies.Write).WithIdempotency();
        policies.MapPut("/{name}", ErrorBudgetPolicyEndpoints.Replace).RequireAuthorization(Policies.Write);
        policies.MapDelete("/{name}", ErrorBudgetPolicyEndpoints.Delete).RequireAuthorization(Policies.Write);
        return app;
    }
}
