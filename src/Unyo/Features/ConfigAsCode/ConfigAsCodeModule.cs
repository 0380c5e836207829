using Unyo.Hosting;

namespace Unyo.Features.ConfigAsCode;

public static class ConfigAsCodeModule
{
    public static IServiceCollection AddConfigAsCode(this IServiceCollection services) =>
        services.AddScoped<ApplyEngine>();

    public static IEndpointRouteBuilder MapConfigAsCode(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Configuration as code").RequireAuthorization(Policies.Read);
        // Planning is reading: viewers may dry-run; the handler refuses them a real apply.
        group.MapPost("/apply", ApplyEndpoints.Apply);
        group.MapGet("/export", ApplyEndpoints.Export);
        return app;
    }
}
