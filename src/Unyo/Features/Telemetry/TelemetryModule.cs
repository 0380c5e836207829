using Unyo.Client;
using Unyo.Features.Telemetry.Ingest;
using Unyo.Hosting;

namespace Unyo.Features.Telemetry;

public static class TelemetryModule
{
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration) =>
        services.AddScoped<SliData>()
                .AddSingleton<SliRetention>()
                .AddScoped<IHousekeepingTask, ForgetOldSliMinutes>()
                .AddSingleton(SliIngestOptions.From(configuration))
                .AddSingleton<SliDirectory>()
                .AddSingleton<SliMinuteWriter>()
                .AddHostedService<SliIngestWorker>();

    public static IEndpointRouteBuilder MapTelemetry(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/sli-events", SliEventEndpoints.Ingest)
            .RequireAuthorization(Policies.Ingest)
            .WithTags("SLIs")
            .Accepts<SliEventsRequest>("application/json")
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return app;
    }
}
