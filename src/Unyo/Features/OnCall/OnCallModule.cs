using Unyo.Features.Accounts;
using Unyo.Features.Catalog;
using Unyo.Features.ConfigAsCode;
using Unyo.Features.OnCall.Analytics;
using Unyo.Features.OnCall.Personal;
using Unyo.Features.OnCall.Schedules;
using Unyo.Features.OnCall.Schedules.Pages;
using Unyo.Features.OnCall.Schedules.Swaps;
using Unyo.Hosting;

namespace Unyo.Features.OnCall;

public static class OnCallModule
{
    public static IServiceCollection AddOnCall(this IServiceCollection services) =>
        services.AddScoped<ScheduleCatalog>()
                .AddScoped<Escalation.EscalationTargets>()
                .AddScoped<Escalation.EscalationPolicyCatalog>()
                .AddScoped<Escalation.EscalationEngine>()
                .AddSingleton<Escalation.EscalationWorker>()
                .AddHostedService(sp => sp.GetRequiredService<Escalation.EscalationWorker>())
                .AddScoped<ITeamReferences, Escalation.EscalationPolicyReferences>()
                .AddScoped<IConfigKind, Escalation.EscalationPolicyKind>()
                .AddScoped<ITeamReferences, ScheduleReferences>()
                .AddScoped<IConfigKind, ScheduleKind>()
                .AddSingleton(new ServicePageSection(typeof(ServiceOnCall), 2))
                .AddSingleton(new HomePageSection(typeof(HomeOnCall), 1))
                .AddSingleton(new ServicePageSection(typeof(Escalation.Pages.ServiceEscalation), 2))
                .AddSingleton(new Alerts.Pages.AlertPageSection(typeof(Escalation.Pages.AlertEscalations), 9))
                // Shift swaps.
                .AddScoped<ShiftSwaps>()
                // Personal contact methods and notification rules (Personal/).
                .AddPersonalSettings()
                // On-call analytics (profiles, load, noise): registered in Analytics/AnalyticsModule.cs.
                .AddOnCallAnalytics()
                // Shift notices and weekly digests (Notices/).
                .AddSingleton(sp => Notices.ShiftNoticeOptions.From(sp.GetRequiredService<IConfiguration>()))
                .AddScoped<Notices.UpcomingWatches>()
                .AddScoped<Notices.ShiftNotices>()
                .AddSingleton<Notices.ShiftNoticeWorker>()
                .AddHostedService(sp => sp.GetRequiredService<Notices.ShiftNoticeWorker>());

    public static IEndpointRouteBuilder MapOnCall(this IEndpointRouteBuilder app)
    {
        // Members write their own teams' schedules and overrides; the handlers check whose they are.
        var group = app.MapGroup("/api/v1/schedules").WithTags("On-call").RequireAuthorization(Policies.Read);
        group.MapGet("/", ScheduleEndpoints.List);
        group.MapGet("/{name}", ScheduleEndpoints.Get);
        group.MapPost("/", ScheduleEndpoints.Create).RequireAuthorization(Policies.Write).WithIdempotency();
        group.MapPut("/{name}", ScheduleEndpoints.Replace).RequireAuthorization(Policies.Write);
        group.MapDelete("/{name}", ScheduleEndpoints.Delete).RequireAuthorization(Policies.Write);
        group.MapGet("/{name}/oncall", OnCallEndpoints.At);
        group.MapGet("/{name}/shifts", OnCallEndpoints.Shifts);
        group.MapGet("/{name}/calendar.ics", CalendarEndpoints.Schedule);
        group.MapPost("/{name}/overrides", OnCallEndpoints.AddOverride).RequireAuthorization(Policies.Write);
        group.MapDelete("/{name}/overrides/{id:guid}", OnCallEndpoints.RemoveOverride).RequireAuthorization(Policies.Write);

        var policies = app.MapGroup("/api/v1/escalation-policies").WithTags("On-call").RequireAuthorization(Policies.Read);
        policies.MapGet("/", Escalation.EscalationPolicyEndpoints.List);
        policies.MapGet("/{name}", Escalation.EscalationPolicyEndpoints.Get);
        policies.MapPost("/", Escalation.EscalationPolicyEndpoints.Create).RequireAuthorization(Policies.Write).WithIdempotency();
        policies.MapPut("/{name}", Escalation.EscalationPolicyEndpoints.Replace).RequireAuthorization(Policies.Write);
        policies.MapDelete("/{name}", Escalation.EscalationPolicyEndpoints.Delete).RequireAuthorization(Policies.Write);
        app.MapGet("/api/v1/alerts/{id}/escalations", Escalation.AlertEscalationEndpoints.List).WithTags("On-call").RequireAuthorization(Policies.Read);

        var api = app.MapGroup("/api/v1").WithTags("On-call").RequireAuthorization(Policies.Read);
        api.MapGet("/oncall", OnCallEndpoints.Now);
        api.MapGet("/users/{email}/oncall.ics", CalendarEndpoints.User);
        // Everyone, viewers too, may subscribe to their own shifts.
        api.MapPost("/me/oncall-feed", FeedEndpoints.Rotate).RequireAuthorization(Policies.Person);
        // The secret in the URL is the credential: calendar apps send no tokens.
        app.MapGet("/oncall/feeds/{secret}", FeedEndpoints.Feed).AllowAnonymous().WithTags("On-call");

        // Shift swaps: about the caller's own shifts, so people only (never a team token); they make
        // overrides, so members and up. The handlers check whose shift it is and who was asked.
        group.MapGet("/{name}/swaps", SwapEndpoints.List);
        group.MapPost("/{name}/swaps", SwapEndpoints.Request).RequireAuthorization(Policies.Write, Policies.Person);
        group.MapPost("/{name}/swaps/{id:guid}/accept", SwapEndpoints.Accept).RequireAuthorization(Policies.Write, Policies.Person);
        group.MapPost("/{name}/swaps/{id:guid}/decline", SwapEndpoints.Decline).RequireAuthorization(Policies.Write, Policies.Person);
        group.MapPost("/{name}/swaps/{id:guid}/cancel", SwapEndpoints.Cancel).RequireAuthorization(Policies.Write, Policies.Person);
        api.MapGet("/me/swaps", SwapEndpoints.Mine).RequireAuthorization(Policies.Person);
        // iCalendar import as a fixed layer: the schedule's team and admins, like any schedule write.
        group.MapPost("/{name}/layers/{layer}/ical", ICalImportEndpoints.Import).RequireAuthorization(Policies.Write);
        // Personal contact methods and notification rules (Personal/).
        app.MapPersonalSettings();
        // On-call analytics (profiles, load, noise): mapped in Analytics/AnalyticsModule.cs.
        app.MapOnCallAnalytics();
        return app;
    }
}
