using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Checks.Locations;

public static class ProbeLocationEndpoints
{
    public static IEndpointRouteBuilder MapProbeLocations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/probe-locations").WithTags("Checks").RequireAuthorization(Policies.Read);
        group.MapGet("/", List);
        group.MapPost("/", Create).RequireAuthorization(Policies.Admin);
        group.MapPost("/{name}/rotate-token", RotateToken).RequireAuthorization(Policies.Admin);
        group.MapDelete("/{name}", Delete).RequireAuthorization(Policies.Admin);

        // The agents' own endpoints: only a location's agent token gets in, before the body is read.
        var agent = app.MapGroup("/api/v1/probe").WithTags("Checks").DisableAntiforgery()
            .RequireAuthorization(p => p.AddAuthenticationSchemes(ProbeTokenAuthenticationHandler.SchemeName).RequireClaim(ProbeTokenAuthenticationHandler.LocationClaim));
        agent.MapGet("/assignments", ProbeAgentEndpoints.Assignments);
        agent.MapPost("/results", ProbeAgentEndpoints.Results);
        return app;
    }

    public static async Task<Ok<List<ProbeLocationResponse>>> List(ProbeLocationCatalog catalog, CancellationToken cancellationToken) =>
        TypedResults.Ok(await catalog.ListAsync(cancellationToken));

    public static async Task<Created<ProbeLocationResponse>> Create(ProbeLocationRequest request, ProbeLocationCatalog catalog, CancellationToken cancellationToken)
    {
        var created = await catalog.CreateAsync(request, cancellationToken);
        return TypedResults.Created($"/api/v1/probe-locations/{created.Name}", created);
    }

    public static async Task<Results<Ok<ProbeLocationResponse>, ProblemHttpResult>> RotateToken(string name, ProbeLocationCatalog catalog, CancellationToken cancellationToken) =>
        await catalog.RotateTokenAsync(name, cancellationToken) is { } rotated ? TypedResults.Ok(rotated) : Problems.NotFound("location", name);

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(string name, ProbeLocationCatalog catalog, CancellationToken cancellationToken) =>
        await catalog.DeleteAsync(name, cancellationToken) ? TypedResults.NoContent() : Problems.NotFound("location", name);
}
