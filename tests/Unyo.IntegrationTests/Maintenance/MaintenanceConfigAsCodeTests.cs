using System.Net;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;
using static Unyo.IntegrationTests.ConfigAsCode.YamlKit;

namespace Unyo.IntegrationTests.Maintenance;

public sealed class MaintenanceConfigAsCodeTests(Servers servers)
{
    private static string WeeklyYaml(string name, string team, string services, string rrule = "FREQ=WEEKLY;BYDAY=TU;BYHOUR=2") => $"""
        apiVersion: unyo.dev/v1
        kind: MaintenanceWindow
        metadata:
          name: {name}
          team: {team}
        spec:
          title: Patch day
          services: [{services}]
          schedule:
            rrule: "{rrule}"
            start: 2026-01-06T00:00
            duration: 2h
            timeZone: Europe/Berlin
        """;

    private static string OnceYaml(string name, string team, string services) => $"""
        apiVersion: unyo.dev/v1
        kind: MaintenanceWindow
        metadata:
          name: {name}
          team: {team}
        spec:
          title: Data centre move
          description: Racks 4 to 7.
          services: [{services}]
          schedule:
            start: 2030-05-01T20:00:00+02:00
            end: 2030-05-02T04:00:00+02:00
          suppressAlerts: false
        """;

    private static ApplyRequest Files(bool dryRun, bool prune, params string[] documents) =>
        new() { Files = [new ApplyFile("maintenance.yaml", string.Join("\n---\n", documents))], DryRun = dryRun, Prune = prune };

    private static void AssertAt(Dictionary<string, string[]> errors, int document, string path, string text)
    {
        var key = errors.Keys.FirstOrDefault(k => k.Contains($"(document {document},", StringComparison.Ordinal) && k.EndsWith($"): {path}", StringComparison.Ordinal));
        Assert.True(key is not null, $"no error for document {document} {path}; errors: {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
        errors.AssertField(key!, text);
    }

    [Theory, DatabaseData]
    public async Task ApplyCreatesWindowsWithTheirTeamAndServicesAndTheExportAppliesBackUnchangedThenPruneDeletes(string provider)
    {
        var app = await servers.GetIsolatedAsync(provider, "maintenance-yaml");
        using var admin = app.Admin();
        var (team, first, second, weekly, once) = (Names.Unique("team"), Names.Unique("svc"), Names.Unique("svc"), Names.Unique("weekly"), Names.Unique("once"));
        var request = Files(false, false, WeeklyYaml(weekly, team, $"{second}, {first}"), OnceYaml(once, team, first), ServiceYaml(first, team), ServiceYaml(second, team), TeamYaml(team));

        var applied = await ApplyAsync(admin, request);
        var again = await ApplyAsync(admin, request);
        var stored = await (await admin.GetAsync($"api/v1/maintenance-windows/{weekly}")).ReadAsync<MaintenanceWindowResponse>(HttpStatusCode.OK);
        var oneOff = await (await admin.GetAsync($"api/v1/maintenance-windows/{once}")).ReadAsync<MaintenanceWindowResponse>(HttpStatusCode.OK);
        var export = await (await admin.GetAsync("api/v1/export")).Content.ReadAsStringAsync();
        var replan = await ApplyAsync(admin, new ApplyRequest { Files = [new ApplyFile("export.yaml", export)], DryRun = true, Prune = true });
        var changed = await ApplyAsync(admin, Files(true, false, WeeklyYaml(weekly, team, first, "FREQ=WEEKLY;BYDAY=WE;BYHOUR=3")));
        var pruned = await ApplyAsync(admin, Files(false, true, TeamYaml(team), ServiceYaml(first, team), ServiceYaml(second, team), WeeklyYaml(weekly, team, first)));

        Assert.Equal([$"create Team {team}", .. new[] { first, second }.Order(StringComparer.Ordinal).Select(s => $"create Service {s}"),
            .. new[] { once, weekly }.Order(StringComparer.Ordinal).Select(w => $"create MaintenanceWindow {w}")],
            applied.Changes.Select(c => $"{c.Action} {c.Kind} {c.Name}"));
        Assert.All(again.Changes, c => Assert.Equal("unchanged", c.Action));
        Assert.Equal([.. new[] { first, second }.Order(StringComparer.Ordinal)], stored.Services);
        Assert.Equal((team, "apply", "2h", "Europe/Berlin"), (stored.Team, stored.ManagedBy, stored.Schedule.Duration, stored.Schedule.TimeZone));
        Assert.Equal(("2030-05-01T18:00:00Z", "2030-05-02T02:00:00Z", false), (oneOff.Schedule.Start, oneOff.Schedule.End, oneOff.SuppressAlerts));
        Assert.Contains("kind: MaintenanceWindow", export);
        Assert.All(replan.Changes, c => Assert.Equal("unchanged", c.Action));
        Assert.Contains(replan.Changes, c => c.Kind == "MaintenanceWindow" && c.Name == once);
        Assert.Equal([
            new FieldChange("spec.schedule.rrule", "FREQ=WEEKLY;BYDAY=TU;BYHOUR=2", "FREQ=WEEKLY;BYDAY=WE;BYHOUR=3"),
            new FieldChange("spec.services", $"[{string.Join(", ", new[] { first, second }.Order(StringComparer.Ordinal))}]", $"[{first}]")], changed.Changes.Single().Fields);
        Assert.Equal([$"delete MaintenanceWindow {once}", $"update MaintenanceWindow {weekly}"],
            pruned.Changes.Where(c => c.Action != "unchanged").Select(c => $"{c.Action} {c.Kind} {c.Name}").Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"api/v1/maintenance-windows/{once}")).StatusCode);
    }

    [Theory, DatabaseData]
    public async Task BrokenFieldsAndReferencesNameTheirPlaceAndNothingIsApplied(string provider)
    {
        var app = await servers.GetIsolatedAsync(provider, "maintenance-yaml-errors");
        using var admin = app.Admin();
        var (team, kept, gone, stored) = (Names.Unique("team"), Names.Unique("kept"), Names.Unique("gone"), Names.Unique("stored"));
        await ApplyAsync(admin, Files(false, false, TeamYaml(team), ServiceYaml(kept, team), ServiceYaml(gone, team), WeeklyYaml(stored, team, gone)));
        var bad = Names.Unique("bad");

        var fields = await (await admin.PostJsonAsync("api/v1/apply", Files(false, false, $"""
            apiVersion: unyo.dev/v1
            kind: MaintenanceWindow
            metadata:
              name: {bad}
            spec:
              title: Patch day
              services: [{kept}]
              schedule:
                cron: "*/10 * * * *"
                duration: 5m
                end: 2026-01-01T00:00:00Z
              suppress: true
            """, WeeklyYaml(bad, team, kept).Replace("FREQ=WEEKLY;BYDAY=TU;BYHOUR=2", "FREQ=SECONDLY", StringComparison.Ordinal)))).ProblemAsync(HttpStatusCode.BadRequest);
        var references = await (await admin.PostJsonAsync("api/v1/apply", Files(false, false, WeeklyYaml(Names.Unique("w"), team, "no-such-service"), WeeklyYaml(Names.Unique("w"), "no-such-team", kept))))
            .ProblemAsync(HttpStatusCode.BadRequest);
        var prunedService = await (await admin.PostJsonAsync("api/v1/apply", Files(false, true, TeamYaml(team), ServiceYaml(kept, team)))).ProblemAsync(HttpStatusCode.BadRequest);

        AssertAt(fields, 1, "metadata.team", "is required");
        AssertAt(fields, 1, "spec.suppress", "");
        AssertAt(fields, 2, "spec.schedule.rrule", "FREQ=SECONDLY is not allowed");
        AssertAt(references, 1, "spec.services[0]", "service 'no-such-service' does not exist");
        AssertAt(references, 2, "metadata.team", "team 'no-such-team' does not exist");
        prunedService.AssertField($"MaintenanceWindow '{stored}' (stored): spec.services[0]", $"service '{gone}' is being pruned, but this window still covers it");
        Assert.True(app.WithDb(db => db.Services.Any(s => s.Name == gone)));
        Assert.False(app.WithDb(db => db.MaintenanceWindows.Any(w => w.Name == bad)));
    }

    [Theory, DatabaseData]
    public async Task MembersApplyWindowsForTheirOwnTeamAndServicesOnly(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var (otherTeam, foreign) = await SloTestKit.CreateServiceAsync(admin);
        var member = app.Client((await app.CreateUserAsync(OrgRole.Member, team)).Token);
        var (own, theirs, borrowed) = (Names.Unique("own"), Names.Unique("theirs"), Names.Unique("borrowed"));

        var allowed = await ApplyAsync(member, Files(false, false, WeeklyYaml(own, team, service)));
        var otherTeamsWindow = await (await member.PostJsonAsync("api/v1/apply", Files(false, false, WeeklyYaml(theirs, otherTeam, foreign)))).ProblemAsync(HttpStatusCode.Forbidden);
        var foreignService = await (await member.PostJsonAsync("api/v1/apply", Files(false, false, WeeklyYaml(borrowed, team, foreign)))).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal("create", allowed.Changes.Single().Action);
        Assert.Contains($"MaintenanceWindow '{theirs}'", otherTeamsWindow.Keys);
        Assert.Contains($"MaintenanceWindow '{borrowed}'", foreignService.Keys);
    }
}
