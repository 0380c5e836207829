using System.Net;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Alerts;

public sealed class AlertApiTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task ViewersListAlertsNewestFirstWithFiltersAndPagesAndReadOneWithItsTimeline(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var ids = await AlertApiKit.TriggerAsync(app, service,
            ("db", "Database down", "critical"), ("disk", "Disk 70% full", "warning"), ("latency", "Checkout latency above 2 s", "error"));
        (await admin.PostAsync($"api/v1/alerts/{ids[0]}/acknowledge", null)).EnsureSuccessStatusCode();
        using var viewer = app.Client((await app.CreateUserAsync(OrgRole.Viewer)).Token);

        var all = await (await viewer.GetAsync($"api/v1/alerts?service={service}")).ReadAsync<Page<AlertResponse>>(HttpStatusCode.OK);
        var first = await (await viewer.GetAsync($"api/v1/alerts?team={team}&limit=2")).ReadAsync<Page<AlertResponse>>(HttpStatusCode.OK);
        var second = await (await viewer.GetAsync($"api/v1/alerts?team={team}&limit=2&cursor={first.NextCursor}")).ReadAsync<Page<AlertResponse>>(HttpStatusCode.OK);
        var triggered = await (await viewer.GetAsync($"api/v1/alerts?service={service}&status=triggered")).ReadAsync<Page<AlertResponse>>(HttpStatusCode.OK);
        var both = await (await viewer.GetAsync($"api/v1/alerts?service={service}&status=triggered&status=Acknowledged")).ReadAsync<Page<AlertResponse>>(HttpStatusCode.OK);
        var low = await (await viewer.GetAsync($"api/v1/alerts?service={service}&urgency=low&severity=warning")).ReadAsync<Page<AlertResponse>>(HttpStatusCode.OK);
        var searched = await (await viewer.GetAsync($"api/v1/alerts?service={service}&q=DISK")).ReadAsync<Page<AlertResponse>>(HttpStatusCode.OK);
        var detail = await (await viewer.GetAsync($"api/v1/alerts/{ids[0]}")).ReadAsync<AlertDetailResponse>(HttpStatusCode.OK);
        var bad = await (await viewer.GetAsync("api/v1/alerts?status=open&urgency=2&severity=fatal&limit=0&cursor=!!!")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal([ids[2], ids[1], ids[0]], all.Items.Select(a => a.Id));
        Assert.Null(all.NextCursor);
        Assert.Equal([ids[2], ids[1], ids[0]], first.Items.Concat(second.Items).Select(a => a.Id));
        Assert.Null(second.NextCursor);
        Assert.Equal([ids[2], ids[1]], triggered.Items.Select(a => a.Id));
        Assert.Equal(3, both.Items.Count);
        var disk = Assert.Single(low.Items);
        Assert.Equal((ids[1], "low", "warning", "triggered", service, team), (disk.Id, disk.Urgency, disk.Severity, disk.Status, disk.Service, disk.Team));
        Assert.Equal([ids[1]], searched.Items.Select(a => a.Id));
        Assert.Equal(("acknowledged", UnyoApp.AdminEmail), (detail.Alert.Status, detail.Alert.AcknowledgedBy));
        Assert.Equal("2.4s", detail.Details!.Value.GetProperty("p99").GetString());
        Assert.Equal("https://grafana.example.com/d/checkout", Assert.Single(detail.Alert.Links).Href);
        Assert.Equal("triggered", detail.Timeline[0].Kind);
        Assert.Equal(("acknowledged", UnyoApp.AdminEmail), (detail.Timeline[^1].Kind, detail.Timeline[^1].Actor));
        Assert.True(detail.Timeline.Zip(detail.Timeline.Skip(1)).All(p => p.First.Id < p.Second.Id));
        Assert.Equal(["cursor", "limit", "severity", "status", "urgency"], bad.Keys.Order());
        await (await viewer.GetAsync("api/v1/alerts/999999999")).ProblemAsync(HttpStatusCode.NotFound);
        await (await viewer.GetAsync("api/v1/alerts/not-an-id")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory, DatabaseData]
    public async Task OwningTeamMembersAcknowledgeResolveNoteAndReassignAndOthersAreRefused(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var (otherTeam, _) = await SloTestKit.CreateServiceAsync(admin);
        var id = (await AlertApiKit.TriggerAsync(app, service, ("k", "Checkout down", "critical")))[0];
        var member = await app.CreateUserAsync(OrgRole.Member, team);
        var colleague = await app.CreateUserAsync(OrgRole.Member, team);
        using var ours = app.Client(member.Token);
        using var theirs = app.Client((await app.CreateUserAsync(OrgRole.Member, otherTeam)).Token);
        using var viewer = app.Client((await app.CreateUserAsync(OrgRole.Viewer)).Token);

        var outsider = await (await theirs.PostAsync($"api/v1/alerts/{id}/acknowledge", null)).ReadAsync<ProblemShape>(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"api/v1/alerts/{id}/acknowledge", null)).StatusCode);
        var acknowledged = await (await ours.PostAsync($"api/v1/alerts/{id}/acknowledge", null)).ReadAsync<AlertResponse>(HttpStatusCode.OK);
        var again = await (await ours.PostAsync($"api/v1/alerts/{id}/acknowledge", null)).ReadAsync<ProblemShape>(HttpStatusCode.Conflict);
        var note = await (await ours.PostJsonAsync($"api/v1/alerts/{id}/notes", new AlertNoteRequest { Text = "Rolling back **v42**." })).ReadAsync<AlertTimelineEntryResponse>(HttpStatusCode.Created);
        var noNote = await (await ours.PostJsonAsync($"api/v1/alerts/{id}/notes", new AlertNoteRequest { Text = "  " })).ProblemAsync(HttpStatusCode.BadRequest);
        var longNote = await (await ours.PostJsonAsync($"api/v1/alerts/{id}/notes", new AlertNoteRequest { Text = new string('x', 4001) })).ProblemAsync(HttpStatusCode.BadRequest);
        var nobody = await (await ours.PostJsonAsync($"api/v1/alerts/{id}/reassign", new ReassignAlertRequest { User = "nobody@example.test" })).ProblemAsync(HttpStatusCode.BadRequest);
        var reassigned = await (await ours.PostJsonAsync($"api/v1/alerts/{id}/reassign", new ReassignAlertRequest { User = colleague.Email.ToUpperInvariant() })).ReadAsync<AlertResponse>(HttpStatusCode.OK);
        var byId = await (await ours.PostJsonAsync($"api/v1/alerts/{id}/reassign", new ReassignAlertRequest { User = colleague.Id.ToString() })).ReadAsync<ProblemShape>(HttpStatusCode.Conflict);
        var resolved = await (await ours.PostAsync($"api/v1/alerts/{id}/resolve", null)).ReadAsync<AlertResponse>(HttpStatusCode.OK);
        var resolvedAgain = await (await admin.PostAsync($"api/v1/alerts/{id}/resolve", null)).ReadAsync<ProblemShape>(HttpStatusCode.Conflict);
        var ackResolved = await (await admin.PostAsync($"api/v1/alerts/{id}/acknowledge", null)).ReadAsync<ProblemShape>(HttpStatusCode.Conflict);
        var unknown = await ours.PostAsync("api/v1/alerts/999999999/resolve", null);
        var detail = await (await viewer.GetAsync($"api/v1/alerts/{id}")).ReadAsync<AlertDetailResponse>(HttpStatusCode.OK);
        var audit = await (await admin.GetAsync($"api/v1/audit?kind=Alert&name={id}&limit=20")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK);

        Assert.Contains("Only members of the team", outsider.Detail);
        Assert.Equal(("acknowledged", member.Email), (acknowledged.Status, acknowledged.AcknowledgedBy));
        Assert.Contains($"Alert #{id} is already acknowledged", again.Detail);
        Assert.Equal(("note", member.Email, "Rolling back **v42**."), (note.Kind, note.Actor, note.Text));
        noNote.AssertField("text", "required");
        longNote.AssertField("text", "at most 4000");
        nobody.AssertField("user", "nobody@example.test");
        Assert.Equal(colleague.Email, reassigned.Assignee);
        Assert.Contains($"already assigned to {colleague.Email}", byId.Detail);
        Assert.Equal(("resolved", member.Email, colleague.Email), (resolved.Status, resolved.ResolvedBy, resolved.Assignee));
        Assert.Contains("already resolved", resolvedAgain.Detail);
        Assert.Contains("already resolved", ackResolved.Detail);
        await unknown.ProblemAsync(HttpStatusCode.NotFound);
        // Without a channel the pipeline notes that nobody was told; what people did follows.
        var done = detail.Timeline.Where(e => e.Actor != "unyo").ToList();
        Assert.Equal(["triggered", "acknowledged", "note", "reassigned", "resolved"], done.Select(e => e.Kind));
        Assert.Equal($"to {colleague.Email}", done[3].Text);
        Assert.All(done.Skip(1), e => Assert.Equal(member.Email, e.Actor));
        Assert.Equal(["alert.resolve", "alert.reassign", "alert.note", "alert.acknowledge"], audit.Items.Select(r => r.Action));
        Assert.All(audit.Items, r => Assert.Equal(member.Email, r.ActorEmail));
    }

    [Theory, DatabaseData]
    public async Task BulkAcknowledgeSaysWhatBecameOfEachAlert(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var (_, otherService) = await SloTestKit.CreateServiceAsync(admin);
        var ours = await AlertApiKit.TriggerAsync(app, service, ("a", "One", "critical"), ("b", "Two", "critical"), ("c", "Three", "warning"));
        var theirs = (await AlertApiKit.TriggerAsync(app, otherService, ("x", "Theirs", "critical")))[0];
        using var member = app.Client((await app.CreateUserAsync(OrgRole.Member, team)).Token);
        (await member.PostAsync($"api/v1/alerts/{ours[2]}/resolve", null)).EnsureSuccessStatusCode();

        var response = await (await member.PostJsonAsync("api/v1/alerts/acknowledge", new BulkAcknowledgeRequest { Ids = [ours[0], ours[1], ours[2], theirs, 999999999, ours[0]] }))
            .ReadAsync<BulkAcknowledgeResponse>(HttpStatusCode.OK);
        var empty = await (await member.PostJsonAsync("api/v1/alerts/acknowledge", new BulkAcknowledgeRequest { Ids = [] })).ProblemAsync(HttpStatusCode.BadRequest);
        var tooMany = await (await member.PostJsonAsync("api/v1/alerts/acknowledge", new BulkAcknowledgeRequest { Ids = [.. Enumerable.Range(1, 501).Select(i => (long)i)] }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        var stored = await AlertKit.AlertsAsync(app, service);

        Assert.Equal([(ours[0], "acknowledged"), (ours[1], "acknowledged"), (ours[2], "unchanged"), (theirs, "forbidden"), (999999999L, "notFound")],
            response.Results.Select(r => (r.Id, r.Outcome)));
        Assert.Equal("resolved", response.Results[2].Status);
        Assert.Null(response.Results[3].Status);
        Assert.Equal([Features.Alerts.AlertStatus.Acknowledged, Features.Alerts.AlertStatus.Acknowledged, Features.Alerts.AlertStatus.Resolved], stored.Select(a => a.Status));
        Assert.Equal(Features.Alerts.AlertStatus.Triggered, Assert.Single(await AlertKit.AlertsAsync(app, otherService)).Status);
        empty.AssertField("ids", "required");
        tooMany.AssertField("ids", "at most 500");
    }

    public sealed record ProblemShape(int Status, string Title, string? Detail);
}
