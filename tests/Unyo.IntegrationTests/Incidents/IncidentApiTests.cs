using System.Net;
using System.Net.Http.Json;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.IntegrationTests.Alerts;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Incidents;

public sealed class IncidentApiTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task ADeclaredIncidentIsLedByItsDeclarerAndStartsItsTimeline(string provider)
    {
        var app = await servers.GetAsync(provider);
        var (team, service) = await IncidentKit.TeamAndServiceAsync(app);
        var person = await app.CreateUserAsync(OrgRole.Member, team);
        using var client = app.Client(person.Token);

        var incident = await IncidentKit.DeclareAsync(client, new DeclareIncidentRequest { Title = "Checkout fails for EU users", Severity = 2, Services = [service], Summary = "Card payments **fail**." });

        Assert.Equal(("Checkout fails for EU users", 2, "Major", "investigating", "api"), (incident.Incident.Title, incident.Incident.Severity, incident.Incident.SeverityName, incident.Incident.Status, incident.Incident.Source));
        Assert.Equal((person.Email, person.Email), (incident.Incident.Commander, incident.Incident.DeclaredBy));
        Assert.Equal([service], incident.Incident.Services);
        Assert.Equal(["commander", "communications", "operations", "scribe"], incident.Roles.Select(r => r.Key));
        Assert.Contains("Does not debug", incident.Roles[0].Duties, StringComparison.Ordinal);
        Assert.Equal(["declared", "service", "role"], incident.Timeline.Select(e => e.Kind));
        Assert.Empty(incident.Warnings);
        Assert.Equal(incident.Incident.DeclaredAt, incident.Incident.DetectedAt);
        var listed = await (await client.GetAsync($"api/v1/incidents?service={service}")).ReadAsync<Page<IncidentResponse>>(HttpStatusCode.OK);
        Assert.Equal(incident.Incident.Id, Assert.Single(listed.Items).Id);
    }

    [Theory, DatabaseData]
    public async Task BadDeclarationsNameTheirFieldsAndWriteNothing(string provider)
    {
        var app = await servers.GetAsync(provider);
        var (team, _) = await IncidentKit.TeamAndServiceAsync(app);
        using var admin = app.Admin();
        var before = app.WithDb(db => db.Incidents.Count());

        var errors = await (await admin.PostJsonAsync("api/v1/incidents", new DeclareIncidentRequest
        {
            Title = " ", Severity = 7, Services = ["no-such-service"], Commander = "nobody@example.test", Alerts = [987654321], Private = true, Teams = [],
        })).ProblemAsync(HttpStatusCode.BadRequest);

        errors.AssertField("title", "required");
        errors.AssertField("severity", "1 (SEV1");
        errors.AssertField("services[0]", "'no-such-service' does not exist");
        errors.AssertField("commander", "nobody@example.test");
        errors.AssertField("alerts[0]", "no alert #987654321");
        errors.AssertField("teams", "at least one team");
        (await (await admin.PostJsonAsync("api/v1/incidents", new DeclareIncidentRequest { Title = "x", Severity = 1, Teams = [team, "no-team"], Private = true }))
            .ProblemAsync(HttpStatusCode.BadRequest)).AssertField("teams[1]", "'no-team' does not exist");
        Assert.Equal(before, app.WithDb(db => db.Incidents.Count()));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("api/v1/incidents/99999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("api/v1/incidents/not-a-number")).StatusCode);
        (await (await admin.GetAsync("api/v1/incidents?status=done")).ProblemAsync(HttpStatusCode.BadRequest)).AssertField("status", "'done'");
    }

    [Theory, DatabaseData]
    public async Task AnIncidentIsWorkedThroughItsMilestonesAndResolvingTwiceSaysWhy(string provider)
    {
        var app = await servers.GetAsync(provider);
        var (team, service) = await IncidentKit.TeamAndServiceAsync(app);
        var (_, other) = await IncidentKit.TeamAndServiceAsync(app);
        var lead = await app.CreateUserAsync(OrgRole.Member, team);
        var helper = await app.CreateUserAsync(OrgRole.Member);
        using var client = app.Client(lead.Token);
        var id = (await IncidentKit.DeclareAsync(client, new DeclareIncidentRequest { Title = "Search is slow", Severity = 3, Services = [service] })).Incident.Id;
        var alert = (await AlertApiKit.TriggerAsync(app, other, (Names.Unique("k"), "p99 above 2 s", "error")))[0];

        (await client.PatchAsJsonAsync($"api/v1/incidents/{id}", new UpdateIncidentRequest { Status = "identified", Severity = 2 })).EnsureSuccessStatusCode();
        (await client.PostJsonAsync($"api/v1/incidents/{id}/notes", new IncidentNoteRequest { Text = "Index rebuild <script>alert(1)</script> started" })).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync($"api/v1/incidents/{id}/roles/scribe", new AssignIncidentRoleRequest { User = lead.Email })).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync($"api/v1/incidents/{id}/roles/commander", new AssignIncidentRoleRequest { User = helper.Email })).EnsureSuccessStatusCode();
        (await client.PostJsonAsync($"api/v1/incidents/{id}/services", new IncidentServiceRequest { Service = other })).EnsureSuccessStatusCode();
        (await client.DeleteAsync($"api/v1/incidents/{id}/services/{service}")).EnsureSuccessStatusCode();
        (await client.PostJsonAsync($"api/v1/incidents/{id}/alerts", new IncidentAlertRequest { Alert = alert })).EnsureSuccessStatusCode();
        (await client.PatchAsJsonAsync($"api/v1/incidents/{id}", new UpdateIncidentRequest { Status = "monitoring" })).EnsureSuccessStatusCode();
        var resolved = await (await client.PostAsync($"api/v1/incidents/{id}/resolve", null)).ReadAsync<IncidentResponse>(HttpStatusCode.OK);
        var again = await client.PostAsync($"api/v1/incidents/{id}/resolve", null);

        (await again.ProblemAsync(HttpStatusCode.Conflict)).AssertField("status", $"incident #{id} was already resolved");
        var detail = await IncidentKit.GetAsync(client, id);
        Assert.Equal(("resolved", 2, helper.Email), (resolved.Status, resolved.Severity, resolved.Commander));
        Assert.Equal([other], resolved.Services);
        Assert.NotNull(detail.Incident.AcknowledgedAt);
        Assert.NotNull(detail.Incident.MitigatedAt);
        Assert.NotNull(detail.Incident.ResolvedAt);
        Assert.True(detail.Incident.DetectedAt <= detail.Incident.DeclaredAt);
        Assert.Equal([(lead.Email, true), (helper.Email, false)], detail.RoleHistory.Where(r => r.Role == "commander").Select(r => (r.User, r.EndedAt is not null)));
        Assert.Equal(lead.Email, detail.Roles.Single(r => r.Key == "scribe").Holder);
        Assert.Equal(alert, Assert.Single(detail.Alerts).Id);
        Assert.Contains(detail.Timeline, e => e.Kind == "note" && e.Text!.Contains("<script>", StringComparison.Ordinal));
        Assert.Equal(3, detail.Timeline.Count(e => e.Kind == "milestone"));
        Assert.Contains(detail.Timeline, e => e.Kind == "role" && e.Text == $"{helper.Email} took over Incident commander from {lead.Email}.");
        (await (await client.PutAsJsonAsync($"api/v1/incidents/{id}/roles/firefighter", new AssignIncidentRoleRequest { User = lead.Email })).ProblemAsync(HttpStatusCode.BadRequest))
            .AssertField("role", "'firefighter' is not a role");
        var stale = new HttpRequestMessage(HttpMethod.Patch, $"api/v1/incidents/{id}") { Content = JsonContent.Create(new UpdateIncidentRequest { Title = "x" }) };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await client.SendAsync(stale)).StatusCode);
    }

    [Theory, DatabaseData]
    public async Task AMergedDuplicateHandsOverItsAlertsAndServicesAndBothTimelinesSaySo(string provider)
    {
        var app = await servers.GetAsync(provider);
        var (_, service) = await IncidentKit.TeamAndServiceAsync(app);
        using var admin = app.Admin();
        var alert = (await AlertApiKit.TriggerAsync(app, service, (Names.Unique("k"), "5xx above 5%", "critical")))[0];
        var keep = (await IncidentKit.DeclareAsync(admin, new DeclareIncidentRequest { Title = "API errors", Severity = 2 })).Incident.Id;
        var duplicate = (await IncidentKit.DeclareAsync(admin, new DeclareIncidentRequest { Title = "API 5xx", Severity = 2, Services = [service], Alerts = [alert] })).Incident.Id;

        var linkedTwice = await admin.PostJsonAsync($"api/v1/incidents/{keep}/alerts", new IncidentAlertRequest { Alert = alert });
        var merged = await (await admin.PostJsonAsync($"api/v1/incidents/{duplicate}/merge", new MergeIncidentRequest { Into = keep })).ReadAsync<IncidentResponse>(HttpStatusCode.OK);

        (await linkedTwice.ProblemAsync(HttpStatusCode.Conflict)).AssertField("alert", $"already belongs to incident #{duplicate}");
        Assert.Equal((keep, "resolved"), (merged.MergedInto, merged.Status));
        var kept = await IncidentKit.GetAsync(admin, keep);
        Assert.Equal(alert, Assert.Single(kept.Alerts).Id);
        Assert.Equal([service], kept.Incident.Services);
        Assert.Contains(kept.Timeline, e => e.Kind == "merged" && e.Text!.Contains($"#{duplicate}", StringComparison.Ordinal));
        Assert.Contains((await IncidentKit.GetAsync(admin, duplicate)).Timeline, e => e.Kind == "merged" && e.Text!.Contains($"#{keep}", StringComparison.Ordinal));
        (await (await admin.PostJsonAsync($"api/v1/incidents/{duplicate}/notes", new IncidentNoteRequest { Text = "late" })).ProblemAsync(HttpStatusCode.Conflict)).AssertField("id", $"merged into incident #{keep}");
    }

    [Theory, DatabaseData]
    public async Task APrivateIncidentIsSeenOnlyByItsTeamsAndAdmins(string provider)
    {
        var app = await servers.GetAsync(provider);
        var (security, _) = await IncidentKit.TeamAndServiceAsync(app);
        var (others, _) = await IncidentKit.TeamAndServiceAsync(app);
        var insider = await app.CreateUserAsync(OrgRole.Member, security);
        var outsider = await app.CreateUserAsync(OrgRole.Member, others);
        using var insiderClient = app.Client(insider.Token);
        using var outsiderClient = app.Client(outsider.Token);
        var id = (await IncidentKit.DeclareAsync(insiderClient, new DeclareIncidentRequest { Title = "Leaked credentials", Severity = 1, Private = true, Teams = [security] })).Incident.Id;

        Assert.Equal(HttpStatusCode.NotFound, (await outsiderClient.GetAsync($"api/v1/incidents/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsiderClient.PostJsonAsync($"api/v1/incidents/{id}/notes", new IncidentNoteRequest { Text = "hi" })).StatusCode);
        Assert.DoesNotContain((await (await outsiderClient.GetAsync("api/v1/incidents?limit=500")).ReadAsync<Page<IncidentResponse>>(HttpStatusCode.OK)).Items, i => i.Id == id);
        Assert.True((await IncidentKit.GetAsync(insiderClient, id)).Incident.Private);
        Assert.Equal([security], (await IncidentKit.GetAsync(app.Admin(), id)).Teams);

        (await insiderClient.PutAsJsonAsync($"api/v1/incidents/{id}/visibility", new IncidentVisibilityRequest { Private = false })).EnsureSuccessStatusCode();
        Assert.False((await IncidentKit.GetAsync(outsiderClient, id)).Incident.Private);
    }

    [Theory, DatabaseData]
    public async Task ATeamTokenDeclaresWithoutACommanderAndThePageOfTheIncidentSaysSo(string provider)
    {
        var app = await servers.GetAsync(provider);
        var (team, _) = await IncidentKit.TeamAndServiceAsync(app);
        using var admin = app.Admin();
        var token = (await (await admin.PostJsonAsync($"api/v1/teams/{team}/tokens", new CreateTokenRequest { Name = "ci", Scope = "write" })).ReadAsync<CreatedTokenResponse>(HttpStatusCode.Created)).Token;
        using var client = app.Client(token);

        var incident = await IncidentKit.DeclareAsync(client, new DeclareIncidentRequest { Title = "Deploy broke login", Severity = 2, Source = "cli" });

        Assert.Null(incident.Incident.Commander);
        Assert.Equal("cli", incident.Incident.Source);
        Assert.Equal(["Nobody is Incident commander: someone should take the role."], incident.Warnings);
        Assert.Contains(incident.Timeline, e => e.Kind == "role" && e.Text!.StartsWith("Declared without a commander", StringComparison.Ordinal));
    }
}
