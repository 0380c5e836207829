using Unyo.Features.Accounts;
using Unyo.Features.Catalog;
using Unyo.Features.ConfigAsCode;
using Unyo.Features.Incidents;
using Unyo.Features.Notifications.Outbox;
using Unyo.Features.StatusPages.Public;
using Unyo.Features.StatusPages.Subscriptions;
using Unyo.Features.StatusPages.Updates;
using Unyo.Hosting;

namespace Unyo.Features.StatusPages;

public static class StatusPagesModule
{
    public static IServiceCollection AddStatusPages(this IServiceCollection services) =>
        services.AddScoped<StatusPageCatalog>()
                .AddScoped<StatusBoard>()
                .AddScoped<UptimeBars>()
                .AddSingleton<UptimeBars.Cache>()
                .AddSingleton<PublicStatusCache>()
                .AddScoped<StatusUpdatePublisher>()
                .AddSingleton<SubscriberTokens>()
                .AddSingleton<SubscriberMail>()
                .AddSingleton<SubscribeRateLimit>()
                .AddScoped<Subscriptions.Subscriptions>()
                .AddScoped<ISubscriberTargets, SubscriberTargets>()
                .AddScoped<StatusPageReferences>()
                .AddScoped<IServiceReferences>(sp => sp.GetRequiredService<StatusPageReferences>())
                .AddScoped<ITeamReferences>(sp => sp.GetRequiredService<StatusPageReferences>())
                .AddScoped<IConfigKind, StatusPageKind>()
                .AddSingleton(new IncidentPageSection(typeof(Updates.Pages.IncidentStatusUpdates), 20));

    public static IEndpointRouteBuilder MapStatusPages(this IEndpointRouteBuilder app)
    {
        // Members write their own teams' pages; the handlers check whose they are.
        var group = app.MapGroup("/api/v1/status-pages").WithTags("Status pages").RequireAuthorization(Policies.Read);
        group.MapGet("/", StatusPageEndpoints.List);
        group.MapGet("/{name}", StatusPageEndpoints.Get);
        group.MapPost("/", StatusPageEndpoints.Create).RequireAuthorization(Policies.Write).WithIdempotency();
        group.MapPut("/{name}", StatusPageEndpoints.Replace).RequireAuthorization(Policies.Write);
        group.MapDelete("/{name}", StatusPageEndpoints.Delete).RequireAuthorization(Policies.Write);
        group.MapPost("/{name}/webhooks", WebhookSubscriberEndpoints.Add).RequireAuthorization(Policies.Write);
        group.MapDelete("/{name}/webhooks/{id:guid}", WebhookSubscriberEndpoints.Remove).RequireAuthorization(Policies.Write);

        // Published from the incident they are about; the page's team decides what goes on it.
        var updates = app.MapGroup("/api/v1/incidents/{id}/status-updates").WithTags("Status pages").RequireAuthorization(Policies.Read);
        updates.MapGet("/", StatusUpdateEndpoints.List);
        updates.MapPost("/", StatusUpdateEndpoints.Publish).RequireAuthorization(Policies.Write);

        // The public side: no sign-in, not part of the API document.
        var open = app.MapGroup("/status/{page}").AllowAnonymous().ExcludeFromDescription();
        open.MapGet("/", PublicStatusEndpoints.Page);
        open.MapGet("/api/summary.json", PublicStatusEndpoints.Summary);
        open.MapGet("/feed.atom", PublicStatusEndpoints.Feed);
        open.MapPost("/subscribe", SubscriptionEndpoints.Subscribe).DisableAntiforgery();
        open.MapGet("/confirm/{token}", SubscriptionEndpoints.ShowConfirm);
        open.MapPost("/confirm/{token}", SubscriptionEndpoints.Confirm).DisableAntiforgery();
        open.MapGet("/unsubscribe/{token}", SubscriptionEndpoints.ShowUnsubscribe);
        open.MapPost("/unsubscribe/{token}", SubscriptionEndpoints.Unsubscribe).DisableAntiforgery();
        return app;
    }
}
