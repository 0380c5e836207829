using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Data;
using Unyo.Features.Alerts;
using Unyo.Hosting;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Alerts;

/// Integrations and events for alert tests.
public static class AlertKit
{
    /// An integration of the kind on the service, written straight to the database; returns its key.
    public static async Task<string> IntegrationAsync(UnyoApp app, string service, IntegrationKind kind)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        var serviceId = await db.Services.Where(s => s.Name == service).Select(s => s.Id).SingleAsync();
        var key = IntegrationKeys.New();
        db.Integrations.Add(new Integration
        {
            Id = Guid.NewGuid(),
            Name = Names.Unique("int"),
            ServiceId = serviceId,
            Kind = kind,
            KeyHash = IntegrationKeys.Hash(key),
            SealedKey = scope.ServiceProvider.GetRequiredService<SecretBox>().Seal(key),
        });
        await db.SaveChangesAsync();
        return key;
    }

    public static object Trigger(string key, string? dedupKey, string summary = "Checkout latency above 2 s", string severity = "critical") => new
    {
        routing_key = key,
        event_action = "trigger",
        dedup_key = dedupKey,
        payload = new { summary, source = "prometheus-eu-1", severity, component = "api", custom_details = new { p99 = "2.4s" } },
        links = new[] { new { href = "https://grafana.example.com/d/checkout", text = "Dashboard" } },
    };

    public static object Act(string key, string action, string dedupKey) => new { routing_key = key, event_action = action, dedup_key = dedupKey };

    public static Task<HttpResponseMessage> EnqueueAsync(HttpClient client, object body) => client.PostAsJsonAsync("v2/enqueue", body);

    public static async Task<List<Alert>> AlertsAsync(UnyoApp app, string service)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        return await db.Alerts.AsNoTracking().Where(a => a.Service!.Name == service).OrderBy(a => a.Id).ToListAsync();
    }

    public static async Task<List<AlertTimelineEntry>> TimelineAsync(UnyoApp app, long alertId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UnyoDb>().AlertTimeline.AsNoTracking().Where(e => e.AlertId == alertId).OrderBy(e => e.Id).ToListAsync();
    }
}
