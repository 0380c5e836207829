using Unyo.Hosting;

namespace Unyo.Features.Alerts.Api;

public static class AlertApiModule
{
    public static IServiceCollection AddAlertApi(this IServiceCollection services) =>
        services.AddScoped<AlertAccess>()
                .AddSingleton<Actions.SnoozeWorker>()
                .AddHostedService(sp => sp.GetRequiredService<Actions.SnoozeWorker>());

    public static IEndpointRouteBuilder MapAlertApi(this IEndpointRouteBuilder app)
    {
        // Anyone who may read sees alerts; members act on their own teams' alerts (the handlers
        // check whose they are), admins on all.
        var group = app.MapGroup("/api/v1/alerts").WithTags("Alerts").RequireAuthorization(Policies.Read);
        group.MapGet("/", AlertQueryEndpoints.List);
        group.MapGet("/{id}", AlertQueryEndpoints.Get);
        group.MapPost("/acknowledge", BulkAcknowledgeEndpoint.Acknowledge).RequireAuthorization(Policies.Write);
        group.MapPost("/{id}/acknowledge", AlertActionEndpoints.Acknowledge).RequireAuthorization(Policies.Write);
        group.MapPost("/{id}/resolve", AlertActionEndpoints.Resolve).RequireAuthorization(Policies.Write);
        group.MapPost("/{id}/snooze", AlertActionEndpoints.Snooze).RequireAuthorization(Policies.Write);
        group.MapPost("/{id}/notes", AlertActionEndpoints.Note).RequireAuthorization(Policies.Write);
        group.MapPost("/{id}/reassign", AlertActionEndpoints.Reassign).RequireAuthorization(Policies.Write);
        return app;
    }
}
