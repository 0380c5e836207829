using Unyo.Hosting;

namespace Unyo.Features.OnCall.Analytics;

// On-call analytics and the per-person profile they judge off-hours by; OnCallModule calls these.
public static class AnalyticsModule
{
    public static IServiceCollection AddOnCallAnalytics(this IServiceCollection services) =>
        services.AddScoped<OnCallProfiles>()
                .AddScoped<OnCallAnalytics>();

    public static IEndpointRouteBuilder MapOnCallAnalytics(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("On-call").RequireAuthorization(Policies.Read);
        api.MapGet("/oncall/analytics", AnalyticsEndpoints.Get);
        api.MapGet("/users/{email}/oncall-profile", OnCallProfileEndpoints.Get);
        // A person's own profile, or an admin's change to anyone's (checked in the handler); team tokens are no one.
        api.MapPut("/users/{email}/oncall-profile", OnCallProfileEndpoints.Put).RequireAuthorization(Policies.Person);
        return app;
    }
}
