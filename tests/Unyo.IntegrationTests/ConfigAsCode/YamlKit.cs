using System.Net;
using Unyo.Client;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.ConfigAsCode;

/// Documents and calls that tests of several kinds share.
public static class YamlKit
{
    public static string TeamYaml(string team) => $"""
        apiVersion: unyo.dev/v1
        kind: Team
        metadata:
          name: {team}
        """;

    public static string ServiceYaml(string name, string team) => $"""
        apiVersion: unyo.dev/v1
        kind: Service
        metadata:
          name: {name}
          team: {team}
        """;

    /// Applies (or plans) and expects it to succeed.
    public static async Task<ApplyResponse> ApplyAsync(HttpClient client, ApplyRequest request) =>
        await (await client.PostJsonAsync("api/v1/apply", request)).ReadAsync<ApplyResponse>(HttpStatusCode.OK);
}
