using Unyo.Features.Catalog;
using Unyo.Features.ConfigAsCode;
using Unyo.Features.Slos.Pages;
using Unyo.Features.Slos.Sla;
using Unyo.Features.Telemetry;
using Unyo.Hosting;

namespace Unyo.Features.Slos;

public static class SlosModule
{
    public static IServiceCollection AddSlos(this IServiceCollection services) =>
        services.AddScoped<SloCatalog>()
                .AddScoped<SloReferences>()
                .AddScoped<IServiceReferences>(sp => sp.GetRequiredService<SloReferences>())
                .AddScoped<ISliReferences>(sp => sp.GetRequiredService<SloReferences>())
                .AddScoped<IConfigKind, SloConfigKind>()
                .AddSingleton(new ServicePageSection(typeof(ServiceSlos), 10))
                .AddScoped<SloEvaluator>()
                .AddSingleton<SloCycleState>()
                .AddSingleton<ExcludedMinutes>()
                .AddSingleton<SloRoster>()
                .AddHostedService<SloEvaluationWorker>()
                .AddScoped<SloMonthCounter>()
                .AddScoped<SloMonthRefresher>()
                .AddScoped<SlaReports>()
                .AddHostedService<SloMonthWorker>();

    public static IEndpointRouteBuilder MapSlos(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/slos").WithTags("SLOs").RequireAuthorization(Policies.Read);
        group.MapGet("/", SloEndpoints.List);
        group.MapGet("/{name}", SloEndpoints.Get);
        group.MapPost("/", SloEndpoints.Create).RequireAuthorization(Policies.Write).WithIdempotency();
        group.MapPut("/{name}", SloEndpoints.Replace).RequireAuthorization(Policies.Write);
        group.MapDelete("/{name}", SloEndpoints.Delete).RequireAuthorization(Policies.Write);
        group.MapGet("/{name}/prometheus-rules", PrometheusRuleEndpoints.Get).Produces<string>(contentType: "application/yaml");
        app.MapSloStatus();
        app.MapSlaReports();
        return app;
    }
}
