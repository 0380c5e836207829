using Unyo.Features.Alerts;
using Unyo.Features.ConfigAsCode;
using Unyo.Features.Incidents.AutoDeclare;
using Unyo.Features.Incidents.Desk;
using Unyo.Features.Incidents.Policy;
using Unyo.Hosting;

namespace Unyo.Features.Incidents;

public static class IncidentsModule
{
    public static IServiceCollection AddIncidents(this IServiceCollection services) =>
        services.AddScoped<IncidentPolicies>()
                .AddScoped<IncidentDesk>()
                .AddScoped<IncidentReader>()
                .AddScoped<OnCallCommander>()
                .AddScoped<IAlertChangeObserver, IncidentAlertObserver>()
                .AddScoped<IConfigKind, IncidentPolicyKind>();

    public static IEndpointRouteBuilder MapIncidents(this IEndpointRouteBuilder app)
    {
        var policy = app.MapGroup("/api/v1/incident-policy").RequireAuthorization(Policies.Read).WithTags("Incidents");
        policy.MapGet("/", IncidentPolicyEndpoints.Get);
        policy.MapPut("/", IncidentPolicyEndpoints.Replace).RequireAuthorization(Policies.Admin);

        var group = app.MapGroup("/api/v1/incidents").RequireAuthorization(Policies.Read).WithTags("Incidents");
        group.MapGet("/", IncidentEndpoints.List);
        group.MapPost("/", IncidentEndpoints.Declare).RequireAuthorization(Policies.Write);
        group.MapGet("/{id}", IncidentEndpoints.Get);
        group.MapPatch("/{id}", IncidentEndpoints.Update).RequireAuthorization(Policies.Write);
        group.MapPost("/{id}/resolve", IncidentEndpoints.Resolve).RequireAuthorization(Policies.Write);
        group.MapPost("/{id}/notes", IncidentEndpoints.AddNote).RequireAuthorization(Policies.Write);
        group.MapPut("/{id}/roles/{role}", IncidentEndpoints.AssignRole).RequireAuthorization(Policies.Write);
        group.MapDelete("/{id}/roles/{role}", IncidentEndpoints.EndRole).RequireAuthorization(Policies.Write);
        group.MapPost("/{id}/services", IncidentEndpoints.AddService).RequireAuthorization(Policies.Write);
        group.MapDelete("/{id}/services/{service}", IncidentEndpoints.RemoveService).RequireAuthorization(Policies.Write);
        group.MapPost("/{id}/alerts", IncidentEndpoints.LinkAlert).RequireAuthorization(Policies.Write);
        group.MapDelete("/{id}/alerts/{alert}", IncidentEndpoints.UnlinkAlert).RequireAuthorization(Policies.Write);
        group.MapPost("/{id}/merge", IncidentEndpoints.Merge).RequireAuthorization(Policies.Write);
        group.MapPut("/{id}/visibility", IncidentEndpoints.SetVisibility).RequireAuthorization(Policies.Write);
        return app;
    }
}
