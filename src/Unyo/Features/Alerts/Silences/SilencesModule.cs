using Unyo.Features.Accounts;
using Unyo.Features.ConfigAsCode;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Silences;

public static class SilencesModule
{
    public static IServiceCollection AddSilences(this IServiceCollection services) =>
        services.AddSingleton<SilenceBook>()
                .AddHostedService<SilenceBookWorker>()
                .AddScoped<SilenceCatalog>()
                .AddScoped<SilenceAccess>()
                .AddScoped<ITeamReferences, SilenceReferences>()
                .AddScoped<IConfigKind, SilenceKind>();

    public static IEndpointRouteBuilder MapSilences(this IEndpointRouteBuilder app)
    {
        // Members silence their own teams' alerts; the handlers check whose they are.
        var group = app.MapGroup("/api/v1/silences").WithTags("Silences").RequireAuthorization(Policies.Read);
        group.MapGet("/", SilenceEndpoints.List);
        group.MapGet("/{name}", SilenceEndpoints.Get);
        group.MapPost("/", SilenceEndpoints.Create).RequireAuthorization(Policies.Write).WithIdempotency();
        group.MapPut("/{name}", SilenceEndpoints.Replace).RequireAuthorization(Policies.Write);
        group.MapPost("/{name}/expire", SilenceEndpoints.Expire).RequireAuthorization(Policies.Write);
        group.MapDelete("/{name}", SilenceEndpoints.Delete).RequireAuthorization(Policies.Admin);
        return app;
    }
}
