using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.Features.Alerts;
using Unyo.Features.Alerts.Matching;
using Unyo.Features.Alerts.Silences;
using Unyo.Features.Notifications;
using Unyo.IntegrationTests.Infrastructure;
using static Unyo.IntegrationTests.ConfigAsCode.YamlKit;

namespace Unyo.IntegrationTests.Notifications;

public sealed class AlertingConfigAsCodeTests(Servers servers)
{
    private static string SilenceYaml(string name, string? team, string service, string ends = "2027-06-01T00:00:00Z") => $"""
        apiVersion: unyo.dev/v1
        kind: Silence
        metadata:
          name: {name}{(team is null ? "" : $"\n  team: {team}")}
        spec:
          matchers:
            - service="{service}"
            - name: alertname
              op: "=~"
              value: "High.*"
          startsAt: 2026-11-01T00:00:00Z
          endsAt: {ends}
          comment: Migration week
        """;

    private static string RouteYaml(string name, string? team, string service, string channels, string extra = "") => $"""
        apiVersion: unyo.dev/v1
        kind: AlertRoute
        metadata:
          name: {name}{(team is null ? "" : $"\n  team: {team}")}
        spec:
          order: 10
          match:
            services: [{service}]
            urgencies: [high]
            matchers: ['env=~"prod|production"']
          targets:
            channels: [{channels}]{extra}
          continue: true
        """;

    private static ApplyRequest Files(bool dryRun, bool prune, params string[] documents) =>
        new() { Files = [new ApplyFile("alerting.yaml", string.Join("\n---\n", documents))], DryRun = dryRun, Prune = prune };

    private static void AssertAt(Dictionary<string, string[]> errors, int document, string path, string text)
    {
        var key = errors.Keys.FirstOrDefault(k => k.Contains($"(document {document},", StringComparison.Ordinal) && k.EndsWith($"): {path}", StringComparison.Ordinal));
        Assert.True(key is not null, $"no error for document {document} {path}; errors: {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
        errors.AssertField(key!, text);
    }

    [Theory, DatabaseData]
    public async Task ApplyCreatesSilencesAndRoutesTheExportAppliesBackUnchangedAndPruneDeletesThem(string provider)
    {
        var app = await servers.GetIsolatedAsync(provider, "alerting-yaml");
        using var admin = app.Admin();
        var (team, service, silence, route, org) = (Names.Unique("team"), Names.Unique("svc"), Names.Unique("quiet"), Names.Unique("route"), Names.Unique("org-quiet"));
        await ApplyAsync(admin, Files(false, false, TeamYaml(team), ServiceYaml(service, team)));
        var pager = Names.Unique("pager");
        await RoutesKit.CreateChannelAsync(app, team, pager, ChannelUse.Paging);
        var request = Files(false, false, TeamYaml(team), ServiceYaml(service, team), SilenceYaml(silence, team, service), SilenceYaml(org, null, service), RouteYaml(route, team, service, pager));

        var applied = await ApplyAsync(admin, request);
        var again = await ApplyAsync(admin, request);
        var storedSilence = await (await admin.GetAsync($"api/v1/silences/{silence}")).ReadAsync<SilenceResponse>(HttpStatusCode.OK);
        var storedRoute = await (await admin.GetAsync($"api/v1/alert-routes/{route}")).ReadAsync<AlertRouteResponse>(HttpStatusCode.OK);
        var export = await (await admin.GetAsync("api/v1/export")).Content.ReadAsStringAsync();
        var replan = await ApplyAsync(admin, new ApplyRequest { Files = [new ApplyFile("export.yaml", export)], DryRun = true, Prune = true });
        var book = app.Services.GetRequiredService<SilenceBook>();
        var facts = new AlertFacts(service, team, AlertSeverity.Error, AlertUrgency.High, "test", null, new Dictionary<string, string> { ["alertname"] = "HighLatency" });
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (book.Find(facts, TimeProvider.System.GetUtcNow()) is null && watch.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(50);
        }
        var found = book.Find(facts, TimeProvider.System.GetUtcNow());
        // Prune touches the kinds the files hold: the new route stands in for the kind.
        var replacement = Names.Unique("route");
        var pruned = await ApplyAsync(admin, Files(false, true, TeamYaml(team), ServiceYaml(service, team), SilenceYaml(org, null, service), RouteYaml(replacement, team, service, pager)));

        Assert.Equal([$"create AlertRoute {route}", .. new[] { org, silence }.Order(StringComparer.Ordinal).Select(s => $"create Silence {s}")],
            applied.Changes.Where(c => c.Action != "unchanged").Select(c => $"{c.Action} {c.Kind} {c.Name}").Order(StringComparer.Ordinal));
        Assert.All(again.Changes, c => Assert.Equal("unchanged", c.Action));
        Assert.Equal((team, "apply", "apply", "Migration week"), (storedSilence.Team, storedSilence.ManagedBy, storedSilence.CreatedBy, storedSilence.Comment));
        Assert.Equal([$"service=\"{service}\"", "alertname=~\"High.*\""], storedSilence.Matchers);
        Assert.Equal((team, 10, true, "apply"), (storedRoute.Team, storedRoute.Order, storedRoute.Continue, storedRoute.ManagedBy));
        Assert.Equal(["env=~\"prod|production\""], storedRoute.Match.Matchers);
        Assert.Contains("kind: Silence", export);
        Assert.Contains("kind: AlertRoute", export);
        Assert.All(replan.Changes, c => Assert.Equal("unchanged", c.Action));
        Assert.Contains(replan.Changes, c => c.Kind == "AlertRoute" && c.Name == route);
        Assert.NotNull(found);
        Assert.Equal([$"create AlertRoute {replacement}", $"delete AlertRoute {route}", $"delete Silence {silence}"],
            pruned.Changes.Where(c => c.Action != "unchanged").Select(c => $"{c.Action} {c.Kind} {c.Name}").Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"api/v1/silences/{silence}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"api/v1/alert-routes/{route}")).StatusCode);
    }

    [Theory, DatabaseData]
    public async Task BrokenFieldsAndReferencesNameTheirPlaceAndNothingIsApplied(string provider)
    {
        var app = await servers.GetIsolatedAsync(provider, "alerting-yaml-errors");
        using var admin = app.Admin();
        var (team, service) = (Names.Unique("team"), Names.Unique("svc"));
        await ApplyAsync(admin, Files(false, false, TeamYaml(team), ServiceYaml(service, team)));
        var before = app.WithDb(db => (db.Silences.Count(), db.AlertRoutes.Count()));

        var errors = await (await admin.PostJsonAsync("api/v1/apply", Files(false, false,
            SilenceYaml(Names.Unique("bad"), team, service).Replace("comment: Migration week", "comment: \"\"").Replace("value: \"High.*\"", "value: \"(High\""),
            RouteYaml(Names.Unique("bad-route"), team, service, "no-such-channel", "\n    escalationPolicy: Primary"),
            RouteYaml(Names.Unique("lost"), "no-such-team", "no-such-service", "no-such-channel")))).ProblemAsync(HttpStatusCode.BadRequest);

        AssertAt(errors, 1, "spec.comment", "is required");
        AssertAt(errors, 1, "spec.matchers[1].value", "not a valid regular expression");
        AssertAt(errors, 2, "spec.targets.escalationPolicy", "lower-case");
        Assert.Equal(before, app.WithDb(db => (db.Silences.Count(), db.AlertRoutes.Count())));

        var references = await (await admin.PostJsonAsync("api/v1/apply", Files(false, false,
            RouteYaml(Names.Unique("lost"), "no-such-team", "no-such-service", "no-such-channel", "\n    escalationPolicy: primary")))).ProblemAsync(HttpStatusCode.BadRequest);

        AssertAt(references, 1, "metadata.team", "team 'no-such-team' does not exist");
        AssertAt(references, 1, "spec.targets.escalationPolicy", "escalation policy 'primary' does not exist");
        AssertAt(references, 1, "spec.match.services[0]", "service 'no-such-service' does not exist");
        AssertAt(references, 1, "spec.targets.channels[0]", "notification channel 'no-such-channel' does not exist");
        Assert.Equal(before, app.WithDb(db => (db.Silences.Count(), db.AlertRoutes.Count())));
    }

    [Theory, DatabaseData]
    public async Task MembersApplyOnlyTheirTeamsScopedSilencesAndRoutes(string provider)
    {
        var app = await servers.GetIsolatedAsync(provider, "alerting-yaml-roles");
        using var admin = app.Admin();
        var (team, service) = (Names.Unique("team"), Names.Unique("svc"));
        await ApplyAsync(admin, Files(false, false, TeamYaml(team), ServiceYaml(service, team)));
        var chat = Names.Unique("chat");
        await RoutesKit.CreateChannelAsync(app, team, chat, ChannelUse.Chat);
        var member = app.Client((await app.CreateUserAsync(OrgRole.Member, team)).Token);

        var orgSilence = await member.PostJsonAsync("api/v1/apply", Files(false, false, SilenceYaml(Names.Unique("org"), null, service)));
        var orgRoute = await member.PostJsonAsync("api/v1/apply", Files(false, false, RouteYaml(Names.Unique("org"), null, service, chat)));
        var own = await member.PostJsonAsync("api/v1/apply", Files(false, false, SilenceYaml(Names.Unique("own"), team, service), RouteYaml(Names.Unique("own"), team, service, chat)));

        Assert.Equal(HttpStatusCode.Forbidden, orgSilence.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, orgRoute.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }
}
