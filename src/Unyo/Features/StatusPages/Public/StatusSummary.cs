using System.Text.Json;
using Unyo.Hosting;

namespace Unyo.Features.StatusPages.Public;

// `/status/{page}/api/summary.json`: the snapshot for machines, in the shape docs/status-pages.md
// shows. Statuses are snake_case words, times RFC 3339 UTC.
public sealed record StatusSummary(
    StatusSummary.PageInfo Page,
    StatusSummary.Indicator Status,
    IReadOnlyList<StatusSummary.ComponentInfo> Components,
    IReadOnlyList<StatusSummary.IncidentInfo> Incidents,
    IReadOnlyList<StatusSummary.MaintenanceInfo> ScheduledMaintenances)
{
    public sealed record PageInfo(string Name, string Title, string? Description, string Url, DateTimeOffset GeneratedAt);

    public sealed record Indicator([property: System.Text.Json.Serialization.JsonPropertyName("indicator")] string Value, string Description);

    public sealed record ComponentInfo(string Name, string? Group, string Status, double? Uptime90d);

    public sealed record UpdateInfo(string Status, string Message, DateTimeOffset At);

    public sealed record IncidentInfo(long Id, string Title, string Status, string Impact, IReadOnlyList<string> Components,
        DateTimeOffset StartedAt, DateTimeOffset? ResolvedAt, IReadOnlyList<UpdateInfo> Updates);

    public sealed record MaintenanceInfo(string Title, DateTimeOffset Start, DateTimeOffset End, bool Active, IReadOnlyList<string> Components);

    private static readonly JsonSerializerOptions Json = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions();
        JsonConventions.Apply(options);
        return options;
    }

    public static byte[] Write(StatusSnapshot snapshot, string url)
    {
        var summary = new StatusSummary(
            new PageInfo(snapshot.Page, snapshot.Title, snapshot.Description, url, snapshot.GeneratedAt),
            new Indicator(snapshot.Overall.ToName(), snapshot.Overall.Banner()),
            [.. snapshot.Components.Select(c => new ComponentInfo(c.Name, c.Group, c.Status.ToName(), Average(c.Uptime)))],
            [.. snapshot.ActiveIncidents.Concat(snapshot.PastIncidents).Select(i => new IncidentInfo(i.Id, i.Title, i.Status, i.Impact.ToName(), i.Components,
                i.StartedAt, i.ResolvedAt, [.. i.Updates.Select(u => new UpdateInfo(u.Status, u.Message, u.At))]))],
            [.. snapshot.Maintenances.Select(m => new MaintenanceInfo(m.Title, m.Start, m.End, m.Active, m.Components))]);
        return JsonSerializer.SerializeToUtf8Bytes(summary, Json);
    }

    private static double? Average(IReadOnlyList<UptimeDay> days)
    {
        var known = days.Where(d => d.Availability is not null).Select(d => d.Availability!.Value).ToList();
        return known.Count == 0 ? null : Math.Round(known.Average(), 6);
    }
}
