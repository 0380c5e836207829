using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;
using Unyo.Data;

namespace Unyo.Hosting;

public static class HostingModule
{
    public static IServiceCollection AddHosting(this IServiceCollection services, UnyoSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        settings.Provider.AddDbContext(services, settings.ConnectionString);
        services.AddScoped<DatabaseMigrator>().AddScoped<LeaseClaims>().AddScoped<IHousekeepingTask, ForgetIdempotencyRecords>();
        services.AddHostedService<StartupTasks>().AddHostedService<HousekeepingWorker>();

        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions.TryAdd("traceId", c.HttpContext.TraceIdentifier));
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.ConfigureHttpJsonOptions(o => JsonConventions.Apply(o.SerializerOptions));
        // Binding failures throw, so ApiExceptionHandler can say which field was wrong.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes);
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        // Secure over https (directly or through a trusted proxy), like the session cookie; the
        // default would send it over plain http too.
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest);
        services.AddDataProtection().SetApplicationName("unyo").PersistKeysToDbContext<UnyoDb>();
        services.AddSingleton<SecretBox>();
        return services;
    }

    public static WebApplication UseHosting(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseHttpMetrics();
        app.UseIdempotencyBuffering();
        return app;
    }

    public static IEndpointRouteBuilder MapHosting(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapMetrics("/metrics");
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }

    private sealed class DatabaseReadyCheck(IServiceScopeFactory scopes) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                return await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().IsReadyAsync(cancellationToken)
                    ? HealthCheckResult.Healthy("database reachable, schema up to date")
                    : HealthCheckResult.Unhealthy("database schema has pending migrations");
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy("database unreachable", exception);
            }
        }
    }
}
