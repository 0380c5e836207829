using Unyo.Client;
using Unyo.Features.Catalog;
using Unyo.Features.ConfigAsCode;
using Unyo.Features.Telemetry.Ingest;
using Unyo.Features.Telemetry.Otlp;
using Unyo.Features.Telemetry.PrometheusSource;
using Unyo.Hosting;

namespace Unyo.Features.Telemetry;

public static class TelemetryModule
{
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration) =>
        services.AddScoped<SliCatalog>()
                .AddScoped<SliData>()
                .AddScoped<SliSourceHealth>()
                .AddSingleton<SliRetention>()
                .AddScoped<IHousekeepingTask, ForgetOldSliMinutes>()
                .AddScoped<IServiceReferences, SliServiceReferences>()
                .AddScoped<IConfigKind, SliConfigKind>()
                .AddSingleton(SliIngestOptions.From(configuration))
                .AddSingleton<SliDirectory>()
                .AddSingleton<SliMinuteWriter>()
                .AddHostedService<SliIngestWorker>()
                .AddSingleton(OtlpOptions.From(configuration))
                .AddSingleton<OtlpSliCache>()
                .AddSingleton<OtlpSourceReports>()
                .AddScoped<OtlpIngest>()
                .AddScoped<IHousekeepingTask, ForgetStaleOtlpSeries>()
                .AddPrometheusSource(configuration);

    public static IEndpointRouteBuilder MapTelemetry(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/slis").WithTags("SLIs").RequireAuthorization(Policies.Read);
        group.MapGet("/", SliEndpoints.List);
        group.MapGet("/{name}", SliEndpoints.Get);
        group.MapPost("/", SliEndpoints.Create).RequireAuthorization(Policies.Write).WithIdempotency();
        group.MapPut("/{name}", SliEndpoints.Replace).RequireAuthorization(Policies.Write);
        group.MapDelete("/{name}", SliEndpoints.Delete).RequireAuthorization(Policies.Write);

        app.MapPost("/api/v1/sli-events", SliEventEndpoints.Ingest)
            .RequireAuthorization(Policies.Ingest)
            .WithTags("SLIs")
            .Accepts<SliEventsRequest>("application/json")
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        // The standard OTLP/HTTP path, so an exporter needs only the base URL and a token.
        app.MapPost("/v1/metrics", OtlpEndpoints.Export)
            .RequireAuthorization(Policies.Ingest)
            .WithTags("SLIs")
            // No Accepts metadata: routing would answer a wrong Content-Type itself, not in OTLP's form.
            .Produces(StatusCodes.Status200OK, contentType: "application/x-protobuf")
            .Produces(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status413PayloadTooLarge)
            .Produces(StatusCodes.Status415UnsupportedMediaType)
            .Produces(StatusCodes.Status429TooManyRequests);
        return app;
    }
}
