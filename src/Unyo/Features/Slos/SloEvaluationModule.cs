namespace Unyo.Features.Slos;

// The evaluation half of the SLO feature: the worker and the evaluator it and the status
// endpoints share.
public static class SloEvaluationModule
{
    public static IServiceCollection AddSloEvaluation(this IServiceCollection services) =>
        services.AddScoped<SloEvaluator>()
                .AddHostedService<SloEvaluationWorker>();
}
