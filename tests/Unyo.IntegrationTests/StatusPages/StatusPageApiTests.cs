using System.Net;
using System.Net.Http.Json;
using Unyo.Client;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.StatusPages;

public sealed class StatusPageApiTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task APageIsWrittenReadReplacedWithIfMatchAndDeletedAndItsReferencesAreChecked(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, services) = await StatusPageKit.ServicesAsync(admin, 2);
        var name = Names.Unique("status");
        var request = new StatusPageRequest
        {
            Name = name, Team = team, Title = "  Acme status ", Description = "How Acme is doing.",
            Components = [new() { Service = services[0], DisplayName = "Checkout", Group = "Shop" }, new() { Service = services[1] }],
        };

        var created = await admin.PostJsonAsync("api/v1/status-pages", request);
        var body = await created.ReadAsync<StatusPageResponse>(HttpStatusCode.Created);
        var duplicate = await (await admin.PostJsonAsync("api/v1/status-pages", request)).ProblemAsync(HttpStatusCode.Conflict);
        var broken = await (await admin.PostJsonAsync("api/v1/status-pages", new StatusPageRequest
        {
            Name = "X", Team = team, Title = "",
            Components = [new() { Service = "no-such-service" }, new() { Service = services[0], Check = "no-such-check" }, new() { Service = services[0], Check = "no-such-check" }],
        })).ProblemAsync(HttpStatusCode.BadRequest);
        var unknown = await (await admin.PostJsonAsync("api/v1/status-pages", request with { Name = Names.Unique("status"), Components = [new() { Service = "no-such-service" }, new() { Service = services[0], Check = "no-such-check" }] }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        var etag = created.Headers.ETag!.Tag;
        var stale = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"api/v1/status-pages/{name}")
        {
            Content = JsonContent.Create(request with { Title = "Renamed" }, options: HttpAssertions.Json), Headers = { { "If-Match", "\"999\"" } },
        });
        var replaced = await (await admin.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"api/v1/status-pages/{name}")
        {
            Content = JsonContent.Create(request with { Title = "Acme systems", Components = [new() { Service = services[1], DisplayName = "API" }] }, options: HttpAssertions.Json),
            Headers = { { "If-Match", etag } },
        })).ReadAsync<StatusPageResponse>(HttpStatusCode.OK);
        var listed = await (await admin.GetAsync($"api/v1/status-pages?team={team}")).ReadAsync<Page<StatusPageResponse>>(HttpStatusCode.OK);

        Assert.Equal(("Acme status", "Checkout", "Shop", "operational"), (body.Title, body.Components[0].DisplayName, body.Components[0].Group, body.Components[0].Status));
        Assert.Equal(services[1], body.Components[1].DisplayName);
        Assert.EndsWith($"/status/{name}", body.PublicUrl, StringComparison.Ordinal);
        duplicate.AssertField("name", "already exists");
        broken.AssertField("name", "lower-case");
        broken.AssertField("title", "is required");
        broken.AssertField("components[2].service", "already a component");
        unknown.AssertField("components[0].service", "there is no service 'no-such-service'");
        unknown.AssertField("components[1].check", "has no check 'no-such-check'");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(("Acme systems", "API"), (replaced.Title, Assert.Single(replaced.Components).DisplayName));
        Assert.Equal(name, Assert.Single(listed.Items).Name);
        // A service on a page cannot be deleted from under it.
        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync($"api/v1/services/{services[1]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/v1/status-pages/{name}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"api/v1/status-pages/{name}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync($"status/{name}")).StatusCode);
    }

    [Theory, DatabaseData]
    public async Task AYamlStatusPageIsAppliedAndExported(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, services) = await StatusPageKit.ServicesAsync(admin, 1);
        var name = Names.Unique("status");
        var yaml = $"""
            apiVersion: unyo.dev/v1
            kind: StatusPage
            metadata: {"{"}name: {name}, team: {team}{"}"}
            spec:
              title: Acme status
              components:
                - service: {services[0]}
                  displayName: Checkout
            """;
        var bad = yaml.Replace($"service: {services[0]}", "service: no-such-service", StringComparison.Ordinal);

        var applied = await admin.PostJsonAsync("api/v1/apply", new ApplyRequest { Files = [new ApplyFile("status.yaml", yaml)] });
        var refused = await admin.PostJsonAsync("api/v1/apply", new ApplyRequest { Files = [new ApplyFile("status.yaml", bad)] });
        var page = await (await admin.GetAsync($"api/v1/status-pages/{name}")).ReadAsync<StatusPageResponse>(HttpStatusCode.OK);

        Assert.True(applied.IsSuccessStatusCode, await applied.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("spec.components[0].service", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(("apply", "Checkout"), (page.ManagedBy, page.Components[0].DisplayName));
    }
}
