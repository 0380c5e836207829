using System.Net;
using Unyo.Client;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Incidents;

/// A team with a service, and incidents declared through the API.
public static class IncidentKit
{
    public static async Task<(string Team, string Service)> TeamAndServiceAsync(UnyoApp app, int tier = 1)
    {
        using var admin = app.Admin();
        var team = Names.Unique("inc-team");
        var service = Names.Unique("inc-svc");
        (await admin.PostJsonAsync("api/v1/teams", new TeamRequest { Name = team })).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync("api/v1/services", new ServiceRequest { Name = service, Team = team, Tier = tier })).EnsureSuccessStatusCode();
        return (team, service);
    }

    public static async Task<IncidentDetailResponse> DeclareAsync(HttpClient client, DeclareIncidentRequest request) =>
        await (await client.PostJsonAsync("api/v1/incidents", request)).ReadAsync<IncidentDetailResponse>(HttpStatusCode.Created);

    public static async Task<IncidentDetailResponse> GetAsync(HttpClient client, long id) =>
        await (await client.GetAsync($"api/v1/incidents/{id}")).ReadAsync<IncidentDetailResponse>(HttpStatusCode.OK);
}
