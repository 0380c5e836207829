using Unyo.Hosting;

namespace Unyo.Features.OnCall.Personal;

// People's contact methods and notification rules. Reads need the read policy, changes the
// write policy (a read-scope token must not change where pages go); both need a person, and the
// handlers let only the person themself and admins through.
public static class PersonalSettingsModule
{
    public static IServiceCollection AddPersonalSettings(this IServiceCollection services) =>
        services.AddScoped<ContactMethodCatalog>()
                .AddScoped<NotificationRuleSet>();

    public static IEndpointRouteBuilder MapPersonalSettings(this IEndpointRouteBuilder app)
    {
        var user = app.MapGroup("/api/v1/users/{email}").WithTags("On-call").RequireAuthorization(Policies.Read).RequireAuthorization(Policies.Person);
        user.MapGet("/contact-methods", ContactMethodEndpoints.List);
        user.MapPost("/contact-methods", ContactMethodEndpoints.Create).RequireAuthorization(Policies.Write);
        user.MapPut("/contact-methods/{id:guid}", ContactMethodEndpoints.Replace).RequireAuthorization(Policies.Write);
        user.MapDelete("/contact-methods/{id:guid}", ContactMethodEndpoints.Delete).RequireAuthorization(Policies.Write);
        user.MapGet("/notification-rules", NotificationRuleEndpoints.Get);
        user.MapPut("/notification-rules", NotificationRuleEndpoints.Replace).RequireAuthorization(Policies.Write);
        return app;
    }
}
