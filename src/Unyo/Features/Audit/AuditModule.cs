using Unyo.Hosting;

namespace Unyo.Features.Audit;

public static class AuditModule
{
    public static IServiceCollection AddAudit(this IServiceCollection services) =>
        services.AddHttpContextAccessor()
                .AddScoped<AuditLog>()
                .AddScoped<AuditQuery>()
                .AddScoped<AuditRetention>()
                .AddScoped<IHousekeepingTask>(sp => sp.GetRequiredService<AuditRetention>())
                .AddSingleton<RefusedRequests>()
                .AddSingleton<IAccessRefusals>(sp => sp.GetRequiredService<RefusedRequests>())
                .AddHostedService<RefusedRequestsFlush>();

    // Read-only on purpose: no endpoint changes or deletes audit records.
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization(Policies.Admin)
            .MapGet("/", AuditEndpoints.List);
        return app;
    }
}
