using Microsoft.AspNetCore.Authentication;
using Unyo.Features.Catalog;
using Unyo.Features.Checks.Locations;
using Unyo.Features.Checks.Probes;
using Unyo.Features.ConfigAsCode;
using Unyo.Features.Maintenance;
using Unyo.Features.Telemetry;
using Unyo.Hosting;

namespace Unyo.Features.Checks;

public static class ChecksModule
{
    public static IServiceCollection AddChecks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ProbeTokenAuthenticationHandler>(ProbeTokenAuthenticationHandler.SchemeName, null);
        return services.AddSingleton(CheckOptions.From(configuration))
                .AddSingleton<CheckRoster>()
                .AddSingleton<CheckTargets>()
                .AddSingleton<CheckResultQueue>()
                .AddSingleton<CheckSliFeed>()
                .AddSingleton<CheckResultWriter>()
                .AddSingleton<ProbeRunner>()
                .AddSingleton<HeartbeatPings>()
                .AddSingleton<CheckScheduler>()
                .AddHostedService(sp => sp.GetRequiredService<CheckScheduler>())
                .AddHostedService<CheckResultWorker>()
                .AddHostedService<HeartbeatWatcher>()
                .AddScoped<CheckCatalog>()
                .AddScoped<ProbeLocationCatalog>()
                .AddScoped<CheckQueries>()
                .AddScoped<CheckDirectory>()
                .AddScoped<ICheckDirectory>(sp => sp.GetRequiredService<CheckDirectory>())
                .AddScoped<IServiceReferences>(sp => sp.GetRequiredService<CheckDirectory>())
                .AddScoped<IMaintenanceScopeNames>(sp => sp.GetRequiredService<CheckDirectory>())
                .AddScoped<IConfigKind, CheckKind>()
                .AddScoped<IHousekeepingTask, ForgetOldCheckResults>()
                .AddSingleton(new ServicePageSection(typeof(Pages.ServiceChecks), 4));
    }

    public static IEndpointRouteBuilder MapChecks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/checks").WithTags("Checks").RequireAuthorization(Policies.Read);
        group.MapGet("/", CheckEndpoints.List);
        group.MapGet("/{name}", CheckEndpoints.Get);
        group.MapPost("/", CheckEndpoints.Create).RequireAuthorization(Policies.Write).WithIdempotency();
        group.MapPut("/{name}", CheckEndpoints.Replace).RequireAuthorization(Policies.Write);
        group.MapDelete("/{name}", CheckEndpoints.Delete).RequireAuthorization(Policies.Write);
        group.MapPost("/{name}/rotate-ping-url", CheckEndpoints.RotatePingUrl).RequireAuthorization(Policies.Write);
        group.MapGet("/{name}/results", CheckHistoryEndpoints.Results);
        group.MapGet("/{name}/minutes", CheckHistoryEndpoints.Minutes);
        group.MapGet("/{name}/history", CheckHistoryEndpoints.History);

        var settings = app.MapGroup("/api/v1/check-settings").WithTags("Checks").RequireAuthorization(Policies.Admin);
        settings.MapGet("/", CheckHistoryEndpoints.GetSettings);
        settings.MapPut("/", CheckHistoryEndpoints.ReplaceSettings);

        app.MapProbeLocations();
        app.MapPings();
        return app;
    }
}
