using System.Net;
using System.Text.Json.Nodes;
using Unyo.Client;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Notifications;

/// Requests and calls that channel tests share.
public static class ChannelKit
{
    public static async Task<string> TeamAsync(HttpClient admin)
    {
        var team = Names.Unique("team");
        (await admin.PostJsonAsync("api/v1/teams", new TeamRequest { Name = team })).EnsureSuccessStatusCode();
        return team;
    }

    public static NotificationChannelRequest Webhook(string name, string team, string url, string? signingSecret = null) => new()
    {
        Name = name,
        Team = team,
        Type = "webhook",
        Settings = new JsonObject { ["headers"] = new JsonObject { ["X-Tenant"] = "acme" } },
        Secrets = signingSecret is null ? new() { ["url"] = url } : new() { ["url"] = url, ["signingSecret"] = signingSecret },
    };

    public static NotificationChannelRequest Email(string name, string team, params string[] to) => new()
    {
        Name = name, Team = team, Type = "email", Settings = new JsonObject { ["to"] = new JsonArray([.. to.Select(t => (JsonNode)t)]) },
    };

    public static async Task<ChannelTestResponse> TestAsync(HttpClient client, string name) =>
        await (await client.PostAsync($"api/v1/notification-channels/{name}/test", null)).ReadAsync<ChannelTestResponse>(HttpStatusCode.OK);
}
