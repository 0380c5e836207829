using Unyo.Features.Catalog;
using Unyo.Features.ConfigAsCode;
using Unyo.Hosting;

namespace Unyo.Features.Telemetry;

public static class TelemetryModule
{
    public static IServiceCollection AddTelemetry(this IServiceCollection services) =>
        services.AddScoped<SliCatalog>()
                .AddScoped<SliData>()
                .AddSingleton<SliRetention>()
                .AddScoped<IHousekeepingTask, ForgetOldSliMinutes>()
                .AddScoped<IServiceReferences, SliServiceReferences>()
                .AddScoped<IConfigKind, SliConfigKind>();

    public static IEndpointRouteBuilder MapTelemetry(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/slis").WithTags("SLIs").RequireAuthorization(Policies.Read);
        group.MapGet("/", SliEndpoints.List);
        group.MapGet("/{name}", SliEndpoints.Get);
        group.MapPost("/", SliEndpoints.Create).RequireAuthorization(Policies.Write).WithIdempotency();
        group.MapPut("/{name}", SliEndpoints.Replace).RequireAuthorization(Policies.Write);
        group.MapDelete("/{name}", SliEndpoints.Delete).RequireAuthorization(Policies.Write);
        return app;
    }
}
