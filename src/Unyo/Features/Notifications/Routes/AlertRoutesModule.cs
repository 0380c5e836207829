using Unyo.Features.Accounts;
using Unyo.Features.Catalog;
using Unyo.Features.ConfigAsCode;
using Unyo.Hosting;

namespace Unyo.Features.Notifications.Routes;

public static class AlertRoutesModule
{
    public static IServiceCollection AddAlertRoutes(this IServiceCollection services) =>
        services.AddSingleton<AlertRouter>()
                .AddHostedService<AlertRouterWorker>()
                .AddScoped<AlertRouteCatalog>()
                .AddScoped<AlertRouteAccess>()
                .AddScoped<AlertRouteReferences>()
                .AddScoped<IServiceReferences>(sp => sp.GetRequiredService<AlertRouteReferences>())
                .AddScoped<ITeamReferences>(sp => sp.GetRequiredService<AlertRouteReferences>())
                .AddScoped<IConfigKind, AlertRouteKind>();

    public static IEndpointRouteBuilder MapAlertRoutes(this IEndpointRouteBuilder app)
    {
        // Members write their own teams' routes, admins organisation routes; the handlers check which.
        var group = app.MapGroup("/api/v1/alert-routes").WithTags("Alert routes").RequireAuthorization(Policies.Read);
        group.MapGet("/", AlertRouteEndpoints.List);
        group.MapGet("/{name}", AlertRouteEndpoints.Get);
        group.MapPost("/", AlertRouteEndpoints.Create).RequireAuthorization(Policies.Write).WithIdempotency();
        group.MapPut("/{name}", AlertRouteEndpoints.Replace).RequireAuthorization(Policies.Write);
        group.MapDelete("/{name}", AlertRouteEndpoints.Delete).RequireAuthorization(Policies.Write);
        // Only reads: anyone who may read the routes may ask where an alert would go.
        group.MapPost("/preview", RoutePreviewEndpoint.Preview);
        return app;
    }
}
