using Unyo.Hosting;

namespace Unyo.Features.Incidents.Learning;

// What incidents teach (MTTA/MTTR, recurring incidents) and the "similar incidents" section of
// the incident page.
public static class LearningModule
{
    public static IServiceCollection AddIncidentLearning(this IServiceCollection services) =>
        services.AddScoped<IncidentLearning>()
                .AddSingleton(new IncidentPageSection(typeof(Pages.SimilarIncidents), 90));

    public static IEndpointRouteBuilder MapIncidentLearning(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/incidents").WithTags("Incidents").RequireAuthorization(Policies.Read);
        api.MapGet("/learning", LearningEndpoints.Get);
        api.MapGet("/{id}/similar", LearningEndpoints.Similar);
        return app;
    }
}
