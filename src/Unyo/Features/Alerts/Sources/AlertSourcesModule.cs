using Unyo.Client;
using Unyo.Features.Alerts.Changes;
using Unyo.Features.Alerts.Native;
using Unyo.Features.Checks;
using Unyo.Features.Slos;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Sources;

// The intake sources beyond Alertmanager, PagerDuty events and webhooks: the native JSON intake,
// PagerDuty change events, and alerts Unyo raises itself from SLO burn and checks.
public static class AlertSourcesModule
{
    public static IServiceCollection AddAlertSources(this IServiceCollection services) =>
        services.AddSingleton<InternalAlertNudge>()
                .AddSingleton<ICheckStateObserver>(sp => sp.GetRequiredService<InternalAlertNudge>())
                .AddSingleton<IBurnAlertObserver>(sp => sp.GetRequiredService<InternalAlertNudge>())
                .AddSingleton<InternalAlertEvents>()
                .AddScoped<InternalAlertSweep>()
                .AddHostedService<InternalAlertWorker>()
                .AddSingleton(new Catalog.ServicePageSection(typeof(Changes.Pages.ServiceChanges), 7));

    public static IEndpointRouteBuilder MapAlertSources(this IEndpointRouteBuilder app)
    {
        // The key in the X-Unyo-Integration-Key header is the credential: tools send no API token.
        app.MapPost("/api/v1/alerts", NativeAlertEndpoints.Submit)
            .AllowAnonymous().DisableAntiforgery().WithTags("Alert intake")
            .Accepts<System.Text.Json.JsonElement>("application/json")
            .Produces<AlertIntakeAccepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        // PagerDuty's path for change events; the routing key in the body is the credential.
        app.MapPost("/v2/change/enqueue", ChangeEndpoints.Enqueue)
            .AllowAnonymous().DisableAntiforgery().WithTags("Alert intake")
            .Accepts<System.Text.Json.JsonElement>("application/json")
            .Produces<PagerDutyAccepted>(StatusCodes.Status202Accepted)
            .Produces<PagerDutyRefused>(StatusCodes.Status400BadRequest)
            .Produces<PagerDutyRefused>(StatusCodes.Status404NotFound)
            .Produces<PagerDutyRefused>(StatusCodes.Status413PayloadTooLarge);
        app.MapGet("/api/v1/services/{name}/changes", ChangeEndpoints.List).WithTags("Services").RequireAuthorization(Policies.Read);
        return app;
    }
}
