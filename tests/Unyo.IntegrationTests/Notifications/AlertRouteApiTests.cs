using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.Features.Alerts;
using Unyo.Features.Alerts.Matching;
using Unyo.Features.Notifications;
using Unyo.Features.Notifications.Routes;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Notifications;

public sealed class AlertRouteApiTests(Servers servers)
{
    private static AlertRouteRequest Route(string name, string? team, string channel, int order = 100, string[]? services = null) => new()
    {
        Name = name,
        Team = team,
        Order = order,
        Match = new() { Services = services, Severities = ["critical", "error"], Matchers = [new() { Expression = "env=\"prod\"" }] },
        Targets = new() { Channels = [channel] },
    };

    private static AlertFacts Facts(string service, string team, AlertUrgency urgency = AlertUrgency.High) =>
        new(service, team, AlertSeverity.Critical, urgency, "test", null, new Dictionary<string, string> { ["env"] = "prod" });

    [Theory, DatabaseData]
    public async Task CreateReadReplaceAndDeleteInEvaluationOrderWithETagsAndAnAuditTrail(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var (pager, chat) = (Names.Unique("pager"), Names.Unique("chat"));
        await RoutesKit.CreateChannelAsync(app, team, pager, ChannelUse.Paging);
        await RoutesKit.CreateChannelAsync(app, team, chat, ChannelUse.Chat);
        var (late, early, org) = (Names.Unique("late"), Names.Unique("early"), Names.Unique("org"));

        var created = await admin.PostJsonAsync("api/v1/alert-routes", Route(late, team, chat, order: 200, services: [service]));
        var body = await created.ReadAsync<AlertRouteResponse>(HttpStatusCode.Created);
        (await admin.PostJsonAsync("api/v1/alert-routes", Route(early, team, pager, order: 10))).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync("api/v1/alert-routes", Route(org, null, chat, order: 50) with { Continue = true })).EnsureSuccessStatusCode();
        var listed = await (await admin.GetAsync("api/v1/alert-routes")).ReadAsync<List<AlertRouteResponse>>(HttpStatusCode.OK);
        var byTeam = await (await admin.GetAsync($"api/v1/alert-routes?team={team}")).ReadAsync<List<AlertRouteResponse>>(HttpStatusCode.OK);
        var stale = new HttpRequestMessage(HttpMethod.Put, $"api/v1/alert-routes/{late}") { Content = JsonContent.Create(Route(late, team, pager)) };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"0\""));
        var refused = await admin.SendAsync(stale);
        var replaced = await (await admin.PutAsJsonAsync($"api/v1/alert-routes/{late}", Route(late, team, pager, order: 5) with { Enabled = false }))
            .ReadAsync<AlertRouteResponse>(HttpStatusCode.OK);
        var deleted = await admin.DeleteAsync($"api/v1/alert-routes/{org}");
        var gone = await admin.GetAsync($"api/v1/alert-routes/{org}");
        var audit = await (await admin.GetAsync($"api/v1/audit?kind=AlertRoute&name={late}&limit=10")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK);

        Assert.Equal("\"1\"", created.Headers.ETag!.Tag);
        Assert.Equal((team, 200, false, true, "api"), (body.Team, body.Order, body.Continue, body.Enabled, body.ManagedBy));
        Assert.Equal([service], body.Match.Services);
        Assert.Equal(["critical", "error"], body.Match.Severities);
        Assert.Equal(["env=\"prod\""], body.Match.Matchers);
        Assert.Equal([chat], body.Targets.Channels!);
        Assert.Equal([early, org, late], listed.Where(r => r.Name == early || r.Name == org || r.Name == late).Select(r => r.Name));
        Assert.Equal([early, late], byTeam.Select(r => r.Name));
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.Equal((5, false, 2), (replaced.Order, replaced.Enabled, replaced.Revision));
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound), (deleted.StatusCode, gone.StatusCode));
        Assert.Equal(["alertroute.update", "alertroute.create"], audit.Items.Select(r => r.Action));
    }

    [Theory, DatabaseData]
    public async Task BadInputNamesEveryFieldAndWritesNothing(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var (otherTeam, otherService) = await SloTestKit.CreateServiceAsync(admin);
        var (mine, theirs) = (Names.Unique("mine"), Names.Unique("theirs"));
        await RoutesKit.CreateChannelAsync(app, team, mine, ChannelUse.Paging);
        await RoutesKit.CreateChannelAsync(app, otherTeam, theirs, ChannelUse.Paging);
        var before = app.WithDb(db => db.AlertRoutes.Count());

        var fields = await (await admin.PostJsonAsync("api/v1/alert-routes", new AlertRouteRequest
        {
            Name = Names.Unique("bad"),
            Order = -1,
            Match = new() { Severities = ["fatal"], Urgencies = ["1"], Matchers = [new() { Name = "env", Op = "=~", Value = "(a)\\1" }], Services = ["Bad Name"] },
            Targets = new() { EscalationPolicy = "Bad Policy" },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        var noTargets = await (await admin.PostJsonAsync("api/v1/alert-routes", new AlertRouteRequest { Name = Names.Unique("none"), Targets = new() })).ProblemAsync(HttpStatusCode.BadRequest);
        var unknownPolicy = await (await admin.PostJsonAsync("api/v1/alert-routes", new AlertRouteRequest { Name = Names.Unique("nopolicy"), Targets = new() { EscalationPolicy = "no-such-policy" } })).ProblemAsync(HttpStatusCode.BadRequest);
        var missing = await (await admin.PostJsonAsync("api/v1/alert-routes", new AlertRouteRequest { Name = Names.Unique("empty") })).ProblemAsync(HttpStatusCode.BadRequest);
        var references = await (await admin.PostJsonAsync("api/v1/alert-routes", new AlertRouteRequest
        {
            Name = Names.Unique("refs"),
            Team = team,
            Match = new() { Services = [service, otherService, "no-such-service"] },
            Targets = new() { Channels = [mine, theirs, "no-such-channel"] },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        var unknownTeam = await (await admin.PostJsonAsync("api/v1/alert-routes", Route(Names.Unique("lost"), "no-such-team", mine))).ProblemAsync(HttpStatusCode.BadRequest);

        fields.AssertField("order", "between 0 and");
        fields.AssertField("match.severities[0]", "'fatal' is not one of critical, error, warning or info");
        fields.AssertField("match.urgencies[0]", "is not one of high or low");
        fields.AssertField("match.matchers[0].value", "not a valid regular expression");
        fields.AssertField("match.services[0]", "lower-case");
        fields.AssertField("targets.escalationPolicy", "lower-case");
        noTargets.AssertField("targets.channels", "at least one notification channel, or an escalation policy");
        unknownPolicy.AssertField("targets.escalationPolicy", "escalation policy 'no-such-policy' does not exist");
        missing.AssertField("targets", "is required");
        references.AssertField("match.services[1]", $"belongs to team '{otherTeam}'");
        references.AssertField("match.services[2]", "does not exist");
        references.AssertField("targets.channels[1]", $"belongs to team '{otherTeam}': a team's route only targets its own channels");
        references.AssertField("targets.channels[2]", "does not exist");
        Assert.False(references.ContainsKey("match.services[0]") || references.ContainsKey("targets.channels[0]"));
        unknownTeam.AssertField("team", "does not exist");
        Assert.Equal(before, app.WithDb(db => db.AlertRoutes.Count()));
    }

    [Theory, DatabaseData]
    public async Task MembersWriteTheirTeamsRoutesAndOnlyAdminsWriteOrganisationRoutes(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, _) = await SloTestKit.CreateServiceAsync(admin);
        var (otherTeam, _) = await SloTestKit.CreateServiceAsync(admin);
        var (mine, theirs) = (Names.Unique("mine"), Names.Unique("theirs"));
        await RoutesKit.CreateChannelAsync(app, team, mine, ChannelUse.Paging);
        await RoutesKit.CreateChannelAsync(app, otherTeam, theirs, ChannelUse.Paging);
        var member = app.Client((await app.CreateUserAsync(OrgRole.Member, team)).Token);
        var viewer = app.Client((await app.CreateUserAsync(OrgRole.Viewer)).Token);

        var orgRoute = await member.PostJsonAsync("api/v1/alert-routes", Route(Names.Unique("org"), null, mine));
        var otherTeams = await member.PostJsonAsync("api/v1/alert-routes", Route(Names.Unique("theirs"), otherTeam, theirs));
        var own = await member.PostJsonAsync("api/v1/alert-routes", Route(Names.Unique("own"), team, mine));
        var adminOrg = await admin.PostJsonAsync("api/v1/alert-routes", Route(Names.Unique("org"), null, theirs));
        var viewerWrites = await viewer.PostJsonAsync("api/v1/alert-routes", Route(Names.Unique("view"), team, mine));
        var orgName = (await adminOrg.ReadAsync<AlertRouteResponse>(HttpStatusCode.Created)).Name;
        var memberDeletesOrg = await member.DeleteAsync($"api/v1/alert-routes/{orgName}");

        Assert.Contains("Only admins", await orgRoute.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, orgRoute.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherTeams.StatusCode);
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewerWrites.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, memberDeletesOrg.StatusCode);
    }

    [Theory, DatabaseData]
    public async Task PreviewSaysWhichRoutesMatchWhichChannelsAreNotifiedInOrderAndWhy(string provider)
    {
        var app = await servers.GetIsolatedAsync(provider, "route-preview");
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var (pager, chat, ops) = (Names.Unique("pager"), Names.Unique("chat"), Names.Unique("ops"));
        await RoutesKit.CreateChannelAsync(app, team, pager, ChannelUse.Paging);
        await RoutesKit.CreateChannelAsync(app, team, chat, ChannelUse.Chat);
        await RoutesKit.CreateChannelAsync(app, team, ops, ChannelUse.Chat);
        (await admin.PostJsonAsync("api/v1/alert-routes", new AlertRouteRequest { Name = "all-to-ops", Order = 1, Continue = true, Targets = new() { Channels = [ops] } })).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync("api/v1/alert-routes", Route("prod-critical", team, pager, order: 2) with { Targets = new() { Channels = [pager, ops] } })).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync("api/v1/alert-routes", Route("unreached", team, chat, order: 3))).EnsureSuccessStatusCode();

        var prod = await (await admin.PostJsonAsync("api/v1/alert-routes/preview", new AlertRoutePreviewRequest
        {
            Service = service, Severity = "critical", Labels = new Dictionary<string, string> { ["env"] = "prod" },
        })).ReadAsync<AlertRoutePreviewResponse>(HttpStatusCode.OK);
        (await admin.DeleteAsync("api/v1/alert-routes/all-to-ops")).EnsureSuccessStatusCode();
        var staging = await (await admin.PostJsonAsync("api/v1/alert-routes/preview", new AlertRoutePreviewRequest
        {
            Service = service, Urgency = "low", Labels = new Dictionary<string, string> { ["env"] = "staging" },
        })).ReadAsync<AlertRoutePreviewResponse>(HttpStatusCode.OK);
        var bad = await (await admin.PostJsonAsync("api/v1/alert-routes/preview", new AlertRoutePreviewRequest { Service = "no-such-service", Severity = "fatal" }))
            .ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal((service, team, false), (prod.Service, prod.Team, prod.UsedDefault));
        Assert.Equal(["all-to-ops", "prod-critical"], prod.MatchedRoutes);
        Assert.Equal([ops, pager], prod.Channels);
        Assert.Equal(["matches; continues", "matches", "not reached: route 'prod-critical' matched and does not continue"], prod.Steps.Select(s => s.Reason));
        Assert.True(staging.UsedDefault);
        Assert.Equal(new[] { chat, ops }.Order(StringComparer.Ordinal), staging.Channels);
        Assert.Equal($"no route matched; sent to team {team}'s chat channels", staging.Reason);
        Assert.Equal("matcher env=\"prod\" does not match (env=\"staging\")", staging.Steps[0].Reason);
        bad.AssertField("service", "does not exist");
        bad.AssertField("severity", "not one of");
    }

    [Theory, DatabaseData]
    public async Task TheRouterOnThisNodeFollowsAChangeAtOnceAndASecondNodeWithinAFewSeconds(string provider)
    {
        var first = await servers.GetIsolatedAsync(provider, "route-node-a");
        var database = first.Services.GetRequiredService<Unyo.Hosting.UnyoSettings>();
        var second = await servers.GetIsolatedAsync(provider, "route-node-b", provider == Providers.Postgres
            ? new Dictionary<string, string> { ["database"] = database.ConnectionString }
            : new Dictionary<string, string> { ["data"] = database.DataDirectory });
        using var admin = first.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var chat = Names.Unique("chat");
        var chatId = await RoutesKit.CreateChannelAsync(first, team, chat, ChannelUse.Chat);
        var (here, there) = (first.Services.GetRequiredService<AlertRouter>(), second.Services.GetRequiredService<AlertRouter>());
        await here.Loaded;
        await there.Loaded;

        var route = await (await admin.PostJsonAsync("api/v1/alert-routes", Route(Names.Unique("prod"), team, chat, services: [service]))).ReadAsync<AlertRouteResponse>(HttpStatusCode.Created);
        var local = here.Route(Facts(service, team));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (there.Route(Facts(service, team)).UsedDefault && watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }
        var seenAfter = watch.Elapsed;
        var remote = there.Route(Facts(service, team));

        Assert.Equal([route.Name], local.Routes);
        Assert.Equal([chatId], local.ChannelIds);
        Assert.Equal([route.Name], remote.Routes);
        Assert.True(seenAfter < TimeSpan.FromSeconds(3), $"the second node saw the route after {seenAfter}");
    }
    [Theory, DatabaseData]
    public async Task AServiceARouteNamesAndATeamWithRoutesOrSilencesAreNotDeletedBehindTheirBacks(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var chat = Names.Unique("chat");
        await RoutesKit.CreateChannelAsync(app, team, chat, ChannelUse.Chat);
        var route = Names.Unique("route");
        (await admin.PostJsonAsync("api/v1/alert-routes", Route(route, team, chat, services: [service]))).EnsureSuccessStatusCode();
        // A team without services, so only its routes and silences hold it.
        var quiet = Names.Unique("team");
        (await admin.PostJsonAsync("api/v1/teams", new TeamRequest { Name = quiet })).EnsureSuccessStatusCode();
        var quietChat = Names.Unique("chat");
        await RoutesKit.CreateChannelAsync(app, quiet, quietChat, ChannelUse.Chat);
        var quietRoute = Names.Unique("route");
        (await admin.PostJsonAsync("api/v1/alert-routes", Route(quietRoute, quiet, quietChat))).EnsureSuccessStatusCode();
        var silence = (await (await admin.PostJsonAsync("api/v1/silences", new SilenceRequest { Team = quiet, Matchers = [new() { Expression = $"team=\"{quiet}\"" }], Duration = "1h", Comment = "Quiet" }))
            .ReadAsync<SilenceResponse>(HttpStatusCode.Created)).Name;

        var serviceDelete = await admin.DeleteAsync($"api/v1/services/{service}");
        var serviceBody = await serviceDelete.Content.ReadAsStringAsync();
        var teamDelete = await admin.DeleteAsync($"api/v1/teams/{quiet}");
        var teamBody = await teamDelete.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Conflict, serviceDelete.StatusCode);
        Assert.Contains($"AlertRoute {route}", serviceBody);
        Assert.Equal(HttpStatusCode.Conflict, teamDelete.StatusCode);
        Assert.Contains($"AlertRoute {quietRoute}", teamBody);
        Assert.Contains($"Silence {silence}", teamBody);
    }
}
