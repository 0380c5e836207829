using System.Net;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.IntegrationTests.Infrastructure;
using static Unyo.IntegrationTests.ConfigAsCode.YamlKit;

namespace Unyo.IntegrationTests.Slos;

public sealed class SloConfigAsCodeTests(Servers servers)
{
    private static string SliYaml(string name, string service, int thresholdMs = 300) => $"""
        apiVersion: unyo.dev/v1
        kind: SLI
        metadata:
          name: {name}
        spec:
          service: {service}
          description: Checkout answered within {thresholdMs} ms.
          kind: latency
          latencyThresholdMs: {thresholdMs}
        """;

    private static string SloYaml(string name, string service, string sli, string objective = "99.9") => $"""
        apiVersion: unyo.dev/v1
        kind: SLO
        metadata:
          name: {name}
        spec:
          service: {service}
          sli: {sli}
          displayName: Checkout latency
          objective: {objective}
          calendar: month
          timeZone: Europe/Berlin
          budgeting: timeslices
          timeSliceTarget: 95
          timeSliceWindow: 5m
          alertRules:
            - severity: page
              longWindow: 1h
              shortWindow: 5m
              budgetConsumed: 2
        """;

    private static ApplyRequest Files(bool dryRun, bool prune, params string[] documents) =>
        new() { Files = [new ApplyFile("slos.yaml", string.Join("\n---\n", documents))], DryRun = dryRun, Prune = prune };

    [Theory, DatabaseData]
    public async Task OneFileCreatesTeamServiceSliAndSloInAnyOrderThenPlansNothing(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service, sli, slo) = (Names.Unique("team"), Names.Unique("svc"), Names.Unique("sli"), Names.Unique("slo"));
        // The SLO comes first; apply orders the writes Team, Service, SLI, SLO.
        var request = Files(true, false, SloYaml(slo, service, sli), SliYaml(sli, service), ServiceYaml(service, team), TeamYaml(team));

        var plan = await ApplyAsync(admin, request);
        var before = await admin.GetAsync($"api/v1/slos/{slo}");
        await ApplyAsync(admin, request with { DryRun = false });
        var again = await ApplyAsync(admin, request with { DryRun = false });
        var changed = await ApplyAsync(admin, Files(true, false, SloYaml(slo, service, sli, "99.95"), SliYaml(sli, service, 250)));

        Assert.Equal([$"create Team {team}", $"create Service {service}", $"create SLI {sli}", $"create SLO {slo}"], plan.Changes.Select(c => $"{c.Action} {c.Kind} {c.Name}"));
        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.All(again.Changes, c => Assert.Equal("unchanged", c.Action));
        var stored = await (await admin.GetAsync($"api/v1/slos/{slo}")).ReadAsync<SloResponse>(HttpStatusCode.OK);
        Assert.Equal(("apply", team, "month", "Europe/Berlin", "timeslices", 95m, "5m", 99.9m), (stored.ManagedBy, stored.Team, stored.Calendar, stored.TimeZone, stored.Budgeting, stored.TimeSliceTarget, stored.TimeSliceWindow, stored.Objective));
        var storedSli = await (await admin.GetAsync($"api/v1/slis/{sli}")).ReadAsync<SliResponse>(HttpStatusCode.OK);
        Assert.Equal(("apply", "latency", 300), (storedSli.ManagedBy, storedSli.Kind, storedSli.LatencyThresholdMs));
        Assert.Equal([new FieldChange("spec.objective", "99.9", "99.95")], changed.Changes.Single(c => c.Kind == "SLO").Fields);
        Assert.Equal(["spec.description", "spec.latencyThresholdMs"], changed.Changes.Single(c => c.Kind == "SLI").Fields.Select(f => f.Path));
    }

    [Theory, DatabaseData]
    public async Task InvalidDocumentsAndBrokenReferencesNameTheirPlace(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var (_, other) = await SloTestKit.CreateServiceAsync(admin, team);
        var otherSli = await SloTestKit.CreateSliAsync(admin, other);
        var (sli, slo) = (Names.Unique("sli"), Names.Unique("slo"));

        var fields = await (await admin.PostJsonAsync("api/v1/apply", Files(false, false, $"""
            apiVersion: unyo.dev/v1
            kind: SLO
            metadata:
              name: {slo}
              team: {team}
            spec:
              service: {service}
              sli: {sli}
              objective: 100
              window: 30d
              calendar: month
            """))).ProblemAsync(HttpStatusCode.BadRequest);
        var missingSli = await (await admin.PostJsonAsync("api/v1/apply", Files(false, false, SloYaml(slo, service, sli)))).ProblemAsync(HttpStatusCode.BadRequest);
        var crossed = await (await admin.PostJsonAsync("api/v1/apply", Files(false, false, SloYaml(slo, service, otherSli)))).ProblemAsync(HttpStatusCode.BadRequest);
        var missingService = await (await admin.PostJsonAsync("api/v1/apply", Files(false, false, SliYaml(sli, "no-such-service")))).ProblemAsync(HttpStatusCode.BadRequest);
        var sliFields = await (await admin.PostJsonAsync("api/v1/apply", Files(false, false, $"""
            apiVersion: unyo.dev/v1
            kind: SLI
            metadata:
              name: {sli}
            spec:
              service: {service}
              kind: ratio
              latencyThresholdMs: 5
              query: up
            """))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["is not used by kind SLO: an SLO belongs to the team of its service (spec.service)."], fields["slos.yaml (document 1, line 5): metadata.team"]);
        Assert.Contains("must be strictly between 0 and 100", fields["slos.yaml (document 1, line 9): spec.objective"][0]);
        Assert.Contains("not both", fields["slos.yaml (document 1, line 10): spec.window"][0]);
        Assert.Equal([$"SLI '{sli}' does not exist (and is not in the files, or is being pruned)."], missingSli["slos.yaml (document 1, line 7): spec.sli"]);
        Assert.StartsWith($"SLI '{otherSli}' measures service '{other}', not '{service}'", crossed["slos.yaml (document 1, line 7): spec.sli"][0]);
        Assert.Equal(["service 'no-such-service' does not exist (and is not in the files, or is being pruned)."], missingService["slos.yaml (document 1, line 6): spec.service"]);
        Assert.Equal(["is not a known field."], sliFields["slos.yaml (document 1, line 9): spec.query"]);
        Assert.DoesNotContain(sliFields.Keys, k => k.EndsWith("latencyThresholdMs", StringComparison.Ordinal));
        await (await admin.GetAsync($"api/v1/slos/{slo}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory, DatabaseData]
    public async Task SliFieldRulesAreCheckedInYamlToo(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);

        var errors = await (await admin.PostJsonAsync("api/v1/apply", Files(false, false, $"""
            apiVersion: unyo.dev/v1
            kind: SLI
            metadata:
              name: {Names.Unique("sli")}
            spec:
              service: {service}
              kind: ratio
              latencyThresholdMs: 5
            """))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("applies only to latency SLIs", errors["slos.yaml (document 1, line 8): spec.latencyThresholdMs"][0]);
    }

    [Theory, DatabaseData]
    public async Task PruneDeletesSlosAndSlisButRefusesToOrphanThem(string provider)
    {
        var app = await servers.GetIsolatedAsync(provider, "slo-prune");
        using var admin = app.Admin();
        var (team, service, kept) = (Names.Unique("team"), Names.Unique("svc"), Names.Unique("kept"));
        var (sli, slo, handMade) = (Names.Unique("sli"), Names.Unique("slo"), Names.Unique("handmade"));
        await ApplyAsync(admin, Files(false, false, TeamYaml(team), ServiceYaml(service, team), ServiceYaml(kept, team), SliYaml(sli, service), SloYaml(slo, service, sli)));
        (await admin.PostJsonAsync("api/v1/slos", SloTestKit.Slo(handMade, service, sli))).EnsureSuccessStatusCode();

        // Pruning the SLI while SLOs judge it, or the service while it has them, is refused by name.
        var sliPrune = await (await admin.PostJsonAsync("api/v1/apply", Files(false, true, TeamYaml(team), ServiceYaml(service, team), ServiceYaml(kept, team), SliYaml(Names.Unique("y"), kept)))).ProblemAsync(HttpStatusCode.BadRequest);
        var servicePrune = await (await admin.PostJsonAsync("api/v1/apply", Files(false, true, TeamYaml(team), ServiceYaml(kept, team)))).ProblemAsync(HttpStatusCode.BadRequest);
        (await admin.DeleteAsync($"api/v1/slos/{handMade}")).EnsureSuccessStatusCode();
        var (newSli, newSlo) = (Names.Unique("new-sli"), Names.Unique("new-slo"));
        var pruned = await ApplyAsync(admin, Files(false, true, TeamYaml(team), ServiceYaml(kept, team), SliYaml(newSli, kept), SloYaml(newSlo, kept, newSli)));

        Assert.Equal([$"SLI '{sli}' is being pruned, but this SLO still judges it; delete the SLO too, or keep the SLI."], sliPrune[$"SLO '{handMade}' (stored): spec.sli"]);
        Assert.Contains($"SLO '{slo}' (stored): spec.sli", sliPrune.Keys);
        Assert.Equal([$"service '{service}' is being pruned, but this SLI still measures it; delete the SLI too (its recorded data goes with it), or keep the service."], servicePrune[$"SLI '{sli}' (stored): spec.service"]);
        Assert.Equal([$"service '{service}' is being pruned, but this SLO still belongs to it; delete the SLO too, or keep the service."], servicePrune[$"SLO '{handMade}' (stored): spec.service"]);
        Assert.Equal([$"delete SLO {slo}", $"delete SLI {sli}", $"delete Service {service}"], pruned.Changes.Where(c => c.Action == "delete").Select(c => $"{c.Action} {c.Kind} {c.Name}"));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"api/v1/slos/{newSlo}")).StatusCode);
        await (await admin.GetAsync($"api/v1/slos/{slo}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"api/v1/slis/{sli}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"api/v1/services/{service}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory, DatabaseData]
    public async Task ExportWritesSlisAndSlosThatReapplyToAnEmptyPlan(string provider)
    {
        var app = await servers.GetIsolatedAsync(provider, "slo-export");
        using var admin = app.Admin();
        var (team, service, sli, slo) = (Names.Unique("team"), Names.Unique("svc"), Names.Unique("sli"), Names.Unique("slo"));
        await ApplyAsync(admin, Files(false, false, TeamYaml(team), ServiceYaml(service, team), SliYaml(sli, service), SloYaml(slo, service, sli, "99.999999")));
        var apiSli = await SloTestKit.CreateSliAsync(admin, service);
        (await admin.PostJsonAsync("api/v1/slos", SloTestKit.Slo(Names.Unique("api-slo"), service, apiSli) with
        {
            Objective = 97.25m,
            Window = "4w",
            Description = "true: looks like YAML # but is text",
            AlertRules = [new SloAlertRule { Severity = "ticket", LongWindow = "90m", ShortWindow = "10m", BudgetConsumed = 0.5m }],
        })).EnsureSuccessStatusCode();

        var yaml = await admin.GetStringAsync("api/v1/export");
        var plan = await ApplyAsync(admin, new ApplyRequest { Files = [new ApplyFile("export.yaml", yaml)], DryRun = true, Prune = true });

        Assert.Contains($"kind: SLO\nmetadata:\n  name: {slo}\nspec:\n  service: {service}\n  sli: {sli}\n", yaml);
        Assert.Contains("objective: 99.999999\n", yaml);
        Assert.Contains("window: 28d\n", yaml);
        Assert.Equal(4, plan.Changes.Count(c => c.Kind is "SLI" or "SLO"));
        Assert.All(plan.Changes, c => Assert.Equal("unchanged", c.Action));
    }

    [Theory, DatabaseData]
    public async Task MembersApplySlosOnlyForTheirTeamsServices(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (mine, myService) = await SloTestKit.CreateServiceAsync(admin);
        var (_, theirService) = await SloTestKit.CreateServiceAsync(admin);
        var member = await app.CreateUserAsync(OrgRole.Member, mine);
        using var client = app.Client(member.Token);
        var (mySli, theirSli, newService) = (Names.Unique("sli"), Names.Unique("sli"), Names.Unique("new-svc"));

        var own = await ApplyAsync(client, Files(false, false, SliYaml(mySli, myService), SloYaml(Names.Unique("slo"), myService, mySli)));
        var withNewService = await ApplyAsync(client, Files(false, false, ServiceYaml(newService, mine), SliYaml(Names.Unique("sli"), newService)));
        var refused = await (await client.PostJsonAsync("api/v1/apply", Files(false, false, SliYaml(theirSli, theirService)))).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.True(own.Applied);
        Assert.True(withNewService.Applied);
        Assert.Contains($"SLI '{theirSli}'", refused.Keys);
        await (await admin.GetAsync($"api/v1/slis/{theirSli}")).ProblemAsync(HttpStatusCode.NotFound);
    }
}
