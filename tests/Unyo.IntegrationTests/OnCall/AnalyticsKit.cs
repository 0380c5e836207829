using Microsoft.Extensions.DependencyInjection;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Alerts;
using Unyo.Features.OnCall.Escalation;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.OnCall;

/// Alerts, pages and timelines written straight into the database, at the instants a test needs.
public static class AnalyticsKit
{
    public static async Task<Guid> ServiceAsync(UnyoApp app, string team, string name)
    {
        (await app.Admin().PostJsonAsync("api/v1/services", new ServiceRequest { Name = name, Team = team })).EnsureSuccessStatusCode();
        return app.WithDb(db => db.Services.Single(s => s.Name == name).Id);
    }

    /// An alert opened at `opened`, paged to each (user, at), with the timeline entries given
    /// (kind, minutes after opening, actor); acknowledged and resolved as those entries say.
    public static async Task<long> AlertAsync(UnyoApp app, Guid service, string key, DateTimeOffset opened,
        (Guid User, DateTimeOffset At)[] pages, params (AlertTimelineKind Kind, double Minutes, string Actor)[] timeline)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        var alert = new Alert
        {
            ServiceId = service, Source = "test", DedupKey = key, Summary = $"{key} is unhappy", Status = AlertStatus.Triggered,
            FirstSeenAt = opened, LastSeenAt = opened, OccurrenceCount = 1,
        };
        foreach (var (kind, minutes, actor) in timeline)
        {
            var at = opened.AddMinutes(minutes);
            switch (kind)
            {
                case AlertTimelineKind.Acknowledged:
                    (alert.Status, alert.AcknowledgedAt, alert.AcknowledgedBy) = (AlertStatus.Acknowledged, at, actor);
                    break;
                case AlertTimelineKind.Resolved or AlertTimelineKind.AutoResolved:
                    (alert.Status, alert.ResolvedAt, alert.ResolvedBy) = (AlertStatus.Resolved, at, actor);
                    break;
            }
        }
        db.Alerts.Add(alert);
        await db.SaveChangesAsync();
        db.AlertTimeline.Add(new AlertTimelineEntry { AlertId = alert.Id, At = opened, Kind = AlertTimelineKind.Triggered, Actor = "test" });
        foreach (var (kind, minutes, actor) in timeline)
        {
            db.AlertTimeline.Add(new AlertTimelineEntry { AlertId = alert.Id, At = opened.AddMinutes(minutes), Kind = kind, Actor = actor });
        }
        foreach (var (user, at) in pages)
        {
            db.EscalationPages.Add(new EscalationPage { Id = Guid.CreateVersion7(), AlertId = alert.Id, UserId = user, Level = 0, Via = "user", At = at });
        }
        await db.SaveChangesAsync();
        return alert.Id;
    }
}
