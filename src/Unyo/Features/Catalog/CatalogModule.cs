using Unyo.Features.ConfigAsCode;
using Unyo.Hosting;

namespace Unyo.Features.Catalog;

public static class CatalogModule
{
    public static IServiceCollection AddCatalog(this IServiceCollection services) =>
        services.AddScoped<ServiceCatalog>()
                .AddScoped<IConfigKind, ServiceKind>();

    public static IEndpointRouteBuilder MapCatalog(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/services").WithTags("Services").RequireAuthorization(Policies.Read);
        group.MapGet("/", ServiceEndpoints.List);
        group.MapGet("/{name}", ServiceEndpoints.Get);
        group.MapPost("/", ServiceEndpoints.Create).RequireAuthorization(Policies.Write).WithIdempotency();
        group.MapPut("/{name}", ServiceEndpoints.Update).RequireAuthorization(Policies.Write);
        group.MapDelete("/{name}", ServiceEndpoints.Delete).RequireAuthorization(Policies.Write);
        return app;
    }
}
