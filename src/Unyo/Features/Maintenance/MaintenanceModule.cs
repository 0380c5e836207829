using Unyo.Features.Accounts;
using Unyo.Features.Catalog;
using Unyo.Features.ConfigAsCode;
using Unyo.Features.Maintenance.Pages;
using Unyo.Hosting;

namespace Unyo.Features.Maintenance;

public static class MaintenanceModule
{
    public static IServiceCollection AddMaintenance(this IServiceCollection services) =>
        services.AddScoped<MaintenanceCatalog>()
                .AddSingleton<MaintenanceCalendar>()
                .AddScoped<MaintenanceReferences>()
                .AddScoped<IServiceReferences>(sp => sp.GetRequiredService<MaintenanceReferences>())
                .AddScoped<ITeamReferences>(sp => sp.GetRequiredService<MaintenanceReferences>())
                .AddScoped<IConfigKind, MaintenanceWindowKind>()
                .AddSingleton(new ServicePageSection(typeof(ServiceMaintenance), 5));

    public static IEndpointRouteBuilder MapMaintenance(this IEndpointRouteBuilder app)
    {
        // Members write their own teams' windows; the handlers check whose they are.
        var group = app.MapGroup("/api/v1/maintenance-windows").WithTags("Maintenance windows").RequireAuthorization(Policies.Read);
        group.MapGet("/", MaintenanceEndpoints.List);
        group.MapGet("/{name}", MaintenanceEndpoints.Get);
        group.MapGet("/{name}/occurrences", MaintenanceOccurrenceEndpoints.List);
        group.MapPost("/", MaintenanceEndpoints.Create).RequireAuthorization(Policies.Write).WithIdempotency();
        group.MapPut("/{name}", MaintenanceEndpoints.Replace).RequireAuthorization(Policies.Write);
        group.MapDelete("/{name}", MaintenanceEndpoints.Delete).RequireAuthorization(Policies.Write);
        group.MapPost("/{name}/end", MaintenanceEndpoints.End).RequireAuthorization(Policies.Write);
        return app;
    }
}
