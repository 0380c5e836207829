using Unyo.Client;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Slos;

public static class SloTestKit
{
    /// A new team and a service it owns.
    public static async Task<(string Team, string Service)> CreateServiceAsync(HttpClient admin, string? team = null)
    {
        team ??= Names.Unique("team");
        if (!(await admin.GetAsync($"api/v1/teams/{team}")).IsSuccessStatusCode)
        {
            (await admin.PostJsonAsync("api/v1/teams", new TeamRequest { Name = team })).EnsureSuccessStatusCode();
        }
        var service = Names.Unique("svc");
        (await admin.PostJsonAsync("api/v1/services", new ServiceRequest { Name = service, Team = team })).EnsureSuccessStatusCode();
        return (team, service);
    }

    public static async Task<string> CreateSliAsync(HttpClient client, string service, string kind = "ratio")
    {
        var name = Names.Unique("sli");
        (await client.PostJsonAsync("api/v1/slis", new SliRequest { Name = name, Service = service, Kind = kind, LatencyThresholdMs = kind == "latency" ? 300 : null })).EnsureSuccessStatusCode();
        return name;
    }

    public static SloRequest Slo(string name, string service, string sli) =>
        new() { Name = name, Service = service, Sli = sli, Objective = 99.9m, Window = "30d" };
}
