using Unyo.Features.Catalog;
using Unyo.Features.Incidents;
using Unyo.Hosting;

namespace Unyo.Features.Postmortems;

public static class PostmortemsModule
{
    public static IServiceCollection AddPostmortems(this IServiceCollection services) =>
        services.AddScoped<PostmortemImpact>()
                .AddScoped<PostmortemCatalog>()
                .AddScoped<ActionItemDigests>()
                .AddSingleton<ActionItemDigestWorker>()
                .AddHostedService(sp => sp.GetRequiredService<ActionItemDigestWorker>())
                .AddSingleton(new IncidentPageSection(typeof(Pages.IncidentPostmortem), 20))
                .AddSingleton(new ServicePageSection(typeof(Pages.ServiceActionItems), 8));

    public static IEndpointRouteBuilder MapPostmortems(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/postmortems").WithTags("Postmortems").RequireAuthorization(Policies.Read);
        group.MapGet("/", PostmortemEndpoints.List);
        group.MapPost("/", PostmortemEndpoints.Create).RequireAuthorization(Policies.Write);
        group.MapGet("/{id}", PostmortemEndpoints.Get);
        group.MapPut("/{id}", PostmortemEndpoints.Update).RequireAuthorization(Policies.Write);
        group.MapGet("/{id}/export.md", PostmortemEndpoints.Export);
        group.MapPost("/{id}/transition", PostmortemEndpoints.Transition).RequireAuthorization(Policies.Write);
        group.MapPost("/{id}/timeline/refresh", PostmortemEndpoints.RefreshTimeline).RequireAuthorization(Policies.Write);
        group.MapPost("/{id}/comments", PostmortemEndpoints.Comment).RequireAuthorization(Policies.Write);
        group.MapGet("/{id}/action-items", ActionItemEndpoints.List);
        group.MapPost("/{id}/action-items", ActionItemEndpoints.Add).RequireAuthorization(Policies.Write);
        group.MapPut("/{id}/action-items/{item}", ActionItemEndpoints.Replace).RequireAuthorization(Policies.Write);
        app.MapPost("/api/v1/incidents/{id}/postmortem", PostmortemEndpoints.CreateForIncident).WithTags("Postmortems").RequireAuthorization(Policies.Write);
        return app;
    }
}
