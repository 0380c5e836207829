using Unyo.Client;
using Unyo.Features.Alerts.Api;
using Unyo.Features.Alerts.PagerDuty;
using Unyo.Features.Alerts.Pages;
using Unyo.Features.Alerts.Pipeline;
using Unyo.Features.Alerts.Sources;

namespace Unyo.Features.Alerts;

public static class AlertsModule
{
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton(AlertOptions.From(configuration))
                .AddSingleton<IntegrationDirectory>()
                .AddSingleton<AlertIntakeQueue>()
                .AddSingleton<IAlertIntake>(sp => sp.GetRequiredService<AlertIntakeQueue>())
                .AddHostedService<AlertIntakeWorker>()
                .AddHostedService<AutoResolve.AlertAutoResolver>()
                .AddScoped<AlertBatchWriter>()
                .AddScoped<AlertJudge>()
                .AddScoped<AlertGroups>()
                .AddSingleton<Actions.ActionLinks>()
                .AddScoped<Actions.AlertActions>()
                .AddAlertSources()
                .AddAlertPages()
                .AddAlertApi();

    public static IEndpointRouteBuilder MapAlerts(this IEndpointRouteBuilder app)
    {
        // PagerDuty's paths, so anything that sends to PagerDuty sends here with only the host
        // changed. The routing key in the body is the credential.
        var pagerDuty = app.MapGroup("/v2").AllowAnonymous().DisableAntiforgery().WithTags("Alert intake");
        pagerDuty.MapPost("/enqueue", PagerDutyEndpoints.Enqueue)
            .Accepts<System.Text.Json.JsonElement>("application/json")
            .Produces<PagerDutyAccepted>(StatusCodes.Status202Accepted)
            .Produces<PagerDutyRefused>(StatusCodes.Status400BadRequest)
            .Produces<PagerDutyRefused>(StatusCodes.Status404NotFound)
            .Produces<PagerDutyRefused>(StatusCodes.Status413PayloadTooLarge)
            .Produces<PagerDutyRefused>(StatusCodes.Status429TooManyRequests);
        var links = app.MapGroup("/alerts/act").AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        links.MapGet("/{token}", Actions.ActionLinkEndpoints.Show);
        links.MapPost("/{token}", Actions.ActionLinkEndpoints.Act);
        app.MapAlertSources();
        app.MapAlertApi();
        return app;
    }
}
