using System.Net;
using System.Net.Http.Json;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Alerts;

public sealed class IntegrationApiTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task TheTeamSeesTheKeyAndTheIntakeUrlAndEveryoneElseTheLastFourCharacters(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var member = await app.CreateUserAsync(OrgRole.Member, team);
        var outsider = await app.CreateUserAsync(OrgRole.Member);
        var viewer = await app.CreateUserAsync(OrgRole.Viewer);
        using var memberClient = app.Client(member.Token);

        var created = await IntegrationKit.CreateAsync(memberClient, service, "alertmanager", urgency: new
        {
            rule = "supportHours", timeZone = "Europe/Berlin", days = new[] { "mon", "tue", "wed", "thu", "fri" }, start = "08:00", end = "18:00",
        });
        var pagerDuty = await IntegrationKit.CreateAsync(memberClient, service, "pagerduty");

        Assert.Matches("^[0-9a-f]{32}$", created.Key);
        Assert.True(created.KeyVisible);
        Assert.Equal($"{app.Address}api/v1/integrations/alertmanager/{created.Key}", created.IntakeUrl);
        Assert.Equal((team, "alertmanager", "api"), (created.Team, created.Kind, created.ManagedBy));
        Assert.Equal("mon,tue,wed,thu,fri 08:00–18:00 Europe/Berlin: high inside, low outside", created.UrgencySummary);
        Assert.Equal($"{app.Address}v2/enqueue", pagerDuty.IntakeUrl);
        var seen = await (await memberClient.GetAsync($"api/v1/integrations/{created.Name}")).ReadAsync<IntegrationResponse>(HttpStatusCode.OK);
        Assert.Equal((created.Key, true), (seen.Key, seen.KeyVisible));
        foreach (var other in new[] { viewer.Token, outsider.Token })
        {
            var masked = await (await app.Client(other).GetAsync($"api/v1/integrations/{created.Name}")).ReadAsync<IntegrationResponse>(HttpStatusCode.OK);
            Assert.Equal(("••••" + created.Key[^4..], false), (masked.Key, masked.KeyVisible));
            Assert.DoesNotContain(created.Key, masked.IntakeUrl);
        }
        var listed = await (await app.Client(viewer.Token).GetAsync($"api/v1/integrations?service={service}")).ReadAsync<Page<IntegrationResponse>>(HttpStatusCode.OK);
        Assert.Equal(new[] { created.Name, pagerDuty.Name }.Order(StringComparer.Ordinal), listed.Items.Select(i => i.Name));
        Assert.All(listed.Items, i => Assert.False(i.KeyVisible));
        var byTeam = await (await admin.GetAsync($"api/v1/integrations?team={team}&limit=1")).ReadAsync<Page<IntegrationResponse>>(HttpStatusCode.OK);
        Assert.True(Assert.Single(byTeam.Items).KeyVisible);
        Assert.NotNull(byTeam.NextCursor);

        // Another team's member may read but not change.
        var refused = await app.Client(outsider.Token).PutAsJsonAsync($"api/v1/integrations/{created.Name}", new IntegrationRequest { Service = service, Kind = "alertmanager" });
        await refused.ProblemAsync(HttpStatusCode.Forbidden);
        await (await app.Client(outsider.Token).PostAsync($"api/v1/integrations/{created.Name}/rotate-key", null)).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory, DatabaseData]
    public async Task RotatingTheKeyStopsTheOldOneAtOnceAndTheAuditNeverHoldsAKey(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var integration = await IntegrationKit.CreateAsync(admin, service, "alertmanager");
        using var anonymous = app.Client();
        var payload = IntegrationKit.AlertmanagerPayload("firing", IntegrationKit.AlertmanagerAlert("firing", "f", new() { ["alertname"] = "Up" }));
        (await IntegrationKit.PostAsync(anonymous, "alertmanager", integration.Key, payload)).EnsureSuccessStatusCode();

        var rotated = await (await admin.PostAsync($"api/v1/integrations/{integration.Name}/rotate-key", null)).ReadAsync<IntegrationResponse>(HttpStatusCode.OK);

        Assert.NotEqual(integration.Key, rotated.Key);
        Assert.Equal(integration.Revision + 1, rotated.Revision);
        Assert.Equal(HttpStatusCode.NotFound, (await IntegrationKit.PostAsync(anonymous, "alertmanager", integration.Key, payload)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await IntegrationKit.PostAsync(anonymous, "alertmanager", rotated.Key, payload)).StatusCode);

        var replaced = await admin.PutAsJsonAsync($"api/v1/integrations/{integration.Name}", new IntegrationRequest { Service = service, Kind = "alertmanager", Urgency = IntegrationKit.Element(new { rule = "low" }) });
        Assert.Equal("always low", (await replaced.ReadAsync<IntegrationResponse>(HttpStatusCode.OK)).UrgencySummary);
        (await admin.DeleteAsync($"api/v1/integrations/{integration.Name}")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NotFound, (await IntegrationKit.PostAsync(anonymous, "alertmanager", rotated.Key, payload)).StatusCode);
        await (await admin.GetAsync($"api/v1/integrations/{integration.Name}")).ProblemAsync(HttpStatusCode.NotFound);

        var audit = await (await admin.GetAsync($"api/v1/audit?limit=100")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK);
        var records = audit.Items.Where(r => r.ObjectName == integration.Name).ToList();
        Assert.Equal(["integration.create", "integration.delete", "integration.rotate-key", "integration.update"], records.Select(r => r.Action).Order(StringComparer.Ordinal));
        Assert.All(records, r => Assert.False($"{r.Before}{r.After}".Contains(integration.Key, StringComparison.Ordinal) || $"{r.Before}{r.After}".Contains(rotated.Key, StringComparison.Ordinal)));
        Assert.Contains("\"rule\":\"low\"", records.Single(r => r.Action == "integration.update").After);
    }

    [Theory, DatabaseData]
    public async Task BadRequestsNameTheirFieldsAndWriteNothing(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var existing = await IntegrationKit.CreateAsync(admin, service, "alertmanager");

        async Task<Dictionary<string, string[]>> Refused(IntegrationRequest request, HttpStatusCode status = HttpStatusCode.BadRequest) =>
            await (await admin.PostJsonAsync("api/v1/integrations", request)).ProblemAsync(status);
        var name = Names.Unique("int");

        var empty = await Refused(new IntegrationRequest());
        empty.AssertField("name", "is required");
        empty.AssertField("service", "is required");
        empty.AssertField("kind", "is required: native, alertmanager, pagerduty or webhook");
        (await Refused(new IntegrationRequest { Name = name, Service = service, Kind = "webhook" })).AssertField("mapping", "is required for a webhook integration");
        var mapping = await Refused(new IntegrationRequest
        {
            Name = name, Service = service, Kind = "webhook",
            Mapping = IntegrationKit.Element("""{"summary": "title", "alerts": "$.items[*].x", "action": {"path": "$.state", "map": {"ok": "close"}}, "labels": {"path": "$.l", "map": {}}, "colour": "$.c"}"""),
        });
        mapping.AssertField("mapping.summary", "must be a JSON path starting with $");
        mapping.AssertField("mapping.alerts", "[*] may only end the path");
        mapping.AssertField("mapping.action.map.ok", "must be one of trigger, acknowledge, resolve");
        mapping.AssertField("mapping.labels.map", "is only for action and severity");
        mapping.AssertField("mapping.colour", "is not a known field");
        (await Refused(new IntegrationRequest { Name = name, Service = service, Kind = "webhook", Mapping = IntegrationKit.Element(new { dedupKey = "$.id" }) }))
            .AssertField("mapping.summary", "is required");
        (await Refused(new IntegrationRequest { Name = name, Service = service, Kind = "alertmanager", Mapping = IntegrationKit.Element(new { summary = "$.title" }) }))
            .AssertField("mapping", "is only for kind webhook");
        var urgency = await Refused(new IntegrationRequest
        {
            Name = name, Service = service, Kind = "pagerduty",
            Urgency = IntegrationKit.Element(new { rule = "supportHours", timeZone = "Mars/Olympus", days = new[] { "mon" }, start = "18:00", end = "18:00" }),
        });
        urgency.AssertField("urgency.timeZone", "'Mars/Olympus' is not a known IANA time zone");
        urgency.AssertField("urgency.end", "must differ from start");
        (await Refused(new IntegrationRequest { Name = name, Service = "no-such-service", Kind = "native" })).AssertField("service", "service 'no-such-service' does not exist");
        (await Refused(new IntegrationRequest { Name = existing.Name, Service = service, Kind = "native" }, HttpStatusCode.Conflict)).AssertField("name", "already exists");
        var changedKind = await admin.PutAsJsonAsync($"api/v1/integrations/{existing.Name}", new IntegrationRequest { Service = service, Kind = "webhook", Mapping = IntegrationKit.Element(new { summary = "$.t" }) });
        (await changedKind.ProblemAsync(HttpStatusCode.Conflict)).AssertField("kind", "is alertmanager and cannot change");
        var malformed = await admin.PostAsync("api/v1/integrations", new StringContent("{\"name\": ", System.Text.Encoding.UTF8, "application/json"));
        await malformed.ProblemAsync(HttpStatusCode.BadRequest);

        var listed = await (await admin.GetAsync($"api/v1/integrations?service={service}")).ReadAsync<Page<IntegrationResponse>>(HttpStatusCode.OK);
        Assert.Equal([existing.Name], listed.Items.Select(i => i.Name));
        Assert.Equal(existing.Revision, listed.Items[0].Revision);
    }
}
