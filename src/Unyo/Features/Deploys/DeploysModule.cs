using Unyo.Hosting;

namespace Unyo.Features.Deploys;

public static class DeploysModule
{
    public static IServiceCollection AddDeploys(this IServiceCollection services) =>
        services.AddScoped<ReleaseGate>();

    public static IEndpointRouteBuilder MapDeploys(this IEndpointRouteBuilder app)
    {
        // Pipelines ask with read tokens; only admins override, with a reason on record.
        var gate = app.MapGroup("/api/v1/services/{name}/release-gate").WithTags("Release gate").RequireAuthorization(Policies.Read);
        gate.MapGet("/", ReleaseGateEndpoints.Get);
        gate.MapGet("/overrides", ReleaseGateEndpoints.ListOverrides);
        gate.MapPost("/overrides", ReleaseGateEndpoints.CreateOverride).RequireAuthorization(Policies.Admin);
        gate.MapDelete("/overrides/{id:guid}", ReleaseGateEndpoints.EndOverride).RequireAuthorization(Policies.Admin);
        return app;
    }
}
