using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Incidents;
using Unyo.IntegrationTests.Checks;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.StatusPages;

// Until the incidents API is merged, incidents are rows written straight into the database; this
// kit is the only place that does it, so it can later call the API instead.
public static class StatusPageKit
{
    public static async Task<(string Team, List<string> Services)> ServicesAsync(HttpClient admin, int count)
    {
        var (team, first) = await SloTestKit.CreateServiceAsync(admin);
        var services = new List<string> { first };
        for (var i = 1; i < count; i++)
        {
            services.Add((await SloTestKit.CreateServiceAsync(admin, team)).Service);
        }
        return (team, services);
    }

    public static async Task<StatusPageResponse> PageAsync(HttpClient admin, string team, params StatusComponentRequest[] components)
    {
        var name = Names.Unique("status");
        return await (await admin.PostJsonAsync("api/v1/status-pages", new StatusPageRequest { Name = name, Team = team, Title = "Acme status", Components = components }))
            .ReadAsync<StatusPageResponse>(HttpStatusCode.Created);
    }

    public static async Task<long> IncidentAsync(UnyoApp app, string title, int severity, IReadOnlyList<string> services, bool isPrivate = false,
        string? summary = null, string? note = null, IncidentStatus status = IncidentStatus.Investigating)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var incident = new Incident
        {
            Title = title, Severity = severity, Status = status, Private = isPrivate, Summary = summary, Source = "api",
            DeclaredBy = "declarer@example.test", DeclaredAt = now, DetectedAt = now, UpdatedAt = now, ResolvedAt = status == IncidentStatus.Resolved ? now : null,
        };
        db.Incidents.Add(incident);
        await db.SaveChangesAsync();
        foreach (var service in services)
        {
            var id = db.Services.Single(s => s.Name == service).Id;
            db.IncidentImpacts.Add(new IncidentImpact { IncidentId = incident.Id, ServiceId = id, AddedAt = now });
        }
        if (note is not null)
        {
            db.IncidentTimeline.Add(new IncidentTimelineEntry { IncidentId = incident.Id, At = now, Kind = IncidentTimelineKind.Note, Actor = "scribe@example.test", Text = note });
        }
        await db.SaveChangesAsync();
        return incident.Id;
    }

    // A heartbeat check on the service, pinged up or failed: a real check state without a probe.
    public static async Task HeartbeatAsync(UnyoApp app, HttpClient admin, string service, bool up)
    {
        var check = await (await admin.PostJsonAsync("api/v1/checks", new CheckRequest
        {
            Name = Names.Unique("beat"), Service = service, Type = "heartbeat", Heartbeat = new HeartbeatCheckRequest { Period = "1h" },
        })).ReadAsync<CheckResponse>(HttpStatusCode.Created);
        using var job = app.Client();
        (await job.GetAsync(up ? check.PingUrl : $"{check.PingUrl}/fail")).EnsureSuccessStatusCode();
        await CheckKit.FlushAsync(app);
    }

    public static async Task<HttpResponseMessage> PublishAsync(HttpClient client, long incident, string status, string message, params string[] pages) =>
        await client.PostJsonAsync($"api/v1/incidents/{incident}/status-updates", new StatusUpdateRequest { Pages = pages, Status = status, Message = message });
}
