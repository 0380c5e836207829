using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Integrations;

public static class IntegrationsModule
{
    public static IServiceCollection AddIntegrations(this IServiceCollection services) =>
        services.AddScoped<IntegrationCatalog>()
                .AddScoped<ConfigAsCode.IConfigKind, IntegrationConfigKind>()
                .AddSingleton(new Catalog.ServicePageSection(typeof(Pages.ServiceIntegrations), 6));

    public static IEndpointRouteBuilder MapIntegrations(this IEndpointRouteBuilder app)
    {
        // Members write their own teams' integrations; the handlers check whose they are.
        var group = app.MapGroup("/api/v1/integrations").WithTags("Integrations").RequireAuthorization(Policies.Read);
        group.MapGet("/", IntegrationEndpoints.List);
        group.MapGet("/{name}", IntegrationEndpoints.Get);
        // No Idempotency-Key replay, as for API tokens: it would keep the answer, the key in
        // clear text, in the database. A retried create meets 409 (the name is taken) instead.
        group.MapPost("/", IntegrationEndpoints.Create).RequireAuthorization(Policies.Write);
        group.MapPut("/{name}", IntegrationEndpoints.Replace).RequireAuthorization(Policies.Write);
        group.MapDelete("/{name}", IntegrationEndpoints.Delete).RequireAuthorization(Policies.Write);
        group.MapPost("/{name}/rotate-key", IntegrationEndpoints.RotateKey).RequireAuthorization(Policies.Write);

        // The key in the path is the credential: monitoring tools send no API token.
        var intake = app.MapGroup("/api/v1/integrations").AllowAnonymous().DisableAntiforgery().WithTags("Alert intake");
        intake.MapPost("/alertmanager/{key}", IntakeEndpoints.Alertmanager)
            .Accepts<System.Text.Json.JsonElement>("application/json")
            .Produces<IntegrationIntakeResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        intake.MapPost("/webhook/{key}", IntakeEndpoints.Webhook)
            .Accepts<System.Text.Json.JsonElement>("application/json")
            .Produces<IntegrationIntakeResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }
}
