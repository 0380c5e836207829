using Unyo.Hosting;

namespace Unyo.Features.Notifications.DeadLetters;

public static class DeadLettersModule
{
    public static IServiceCollection AddDeadLetters(this IServiceCollection services) =>
        services.AddScoped<NotificationList>();

    public static IEndpointRouteBuilder MapDeadLetters(this IEndpointRouteBuilder app)
    {
        // Readers see what was sent where, as they see alerts; only admins send again.
        var group = app.MapGroup("/api/v1/notifications").WithTags("Notifications").RequireAuthorization(Policies.Read);
        group.MapGet("/", NotificationEndpoints.List);
        group.MapPost("/{id:guid}/retry", NotificationEndpoints.Retry).RequireAuthorization(Policies.Admin);
        return app;
    }
}
