using System.Net;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.ConfigAsCode;

public sealed class ApplyTests(Servers servers)
{
    private static string TeamYaml(string team, string displayName = "Payments") => $"""
        apiVersion: unyo.dev/v1
        kind: Team
        metadata:
          name: {team}
        spec:
          displayName: {displayName}
        """;

    private static string ServiceYaml(string name, string team, int tier = 2, string dependsOn = "[]") => $"""
        apiVersion: unyo.dev/v1
        kind: Service
        metadata:
          name: {name}
          team: {team}
        spec:
          tier: {tier}
          runbookUrl: https://runbooks.example/{name}
          tags: [payments]
          dependsOn: {dependsOn}
        """;

    private static ApplyRequest Files(bool dryRun, bool prune, params string[] documents) =>
        new() { Files = [new ApplyFile("catalog.yaml", string.Join("\n---\n", documents))], DryRun = dryRun, Prune = prune };

    private static async Task<ApplyResponse> ApplyAsync(HttpClient client, ApplyRequest request) =>
        await (await client.PostJsonAsync("api/v1/apply", request)).ReadAsync<ApplyResponse>(HttpStatusCode.OK);

    [Theory, DatabaseData]
    public async Task DryRunPlansWithoutWritingThenApplyCreatesInAnyOrder(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var team = Names.Unique("team");
        var (api, db) = (Names.Unique("api"), Names.Unique("db"));
        // The service comes before its team and its dependency: apply orders the writes.
        var request = Files(true, false, ServiceYaml(api, team, dependsOn: $"[{db}]"), ServiceYaml(db, team), TeamYaml(team));

        var plan = await ApplyAsync(admin, request);
        var before = await admin.GetAsync($"api/v1/teams/{team}");
        var applied = await ApplyAsync(admin, request with { DryRun = false });
        var again = await ApplyAsync(admin, request with { DryRun = false });

        Assert.True(plan.DryRun);
        Assert.False(plan.Applied);
        Assert.Equal(["create Team " + team, $"create Service {api}", $"create Service {db}"], plan.Changes.Select(c => $"{c.Action} {c.Kind} {c.Name}"));
        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.True(applied.Applied);
        Assert.All(again.Changes, c => Assert.Equal("unchanged", c.Action));
        var service = await (await admin.GetAsync($"api/v1/services/{api}")).ReadAsync<ServiceResponse>(HttpStatusCode.OK);
        Assert.Equal([db], service.DependsOn);
        Assert.Equal(("apply", 2), (service.ManagedBy, service.Tier));
    }

    [Theory, DatabaseData]
    public async Task AChangedFieldShowsInThePlanFieldByField(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var team = Names.Unique("team");
        var svc = Names.Unique("svc");
        await ApplyAsync(admin, Files(false, false, TeamYaml(team), ServiceYaml(svc, team, tier: 2)));

        var plan = await ApplyAsync(admin, Files(true, false, TeamYaml(team, "Payments Platform"), ServiceYaml(svc, team, tier: 1)));

        var teamChange = plan.Changes.Single(c => c.Kind == "Team");
        var serviceChange = plan.Changes.Single(c => c.Kind == "Service");
        Assert.Equal("update", teamChange.Action);
        Assert.Equal([new FieldChange("spec.displayName", "Payments", "Payments Platform")], teamChange.Fields);
        Assert.Equal([new FieldChange("spec.tier", "2", "1")], serviceChange.Fields);
    }

    [Theory, DatabaseData]
    public async Task PruneDeletesOnlyWhatApplyCreated(string provider)
    {
        var app = await servers.GetIsolatedAsync(provider, "prune");
        using var admin = app.Admin();
        var team = Names.Unique("team");
        var (kept, dropped, handMade) = (Names.Unique("kept"), Names.Unique("dropped"), Names.Unique("handmade"));
        await ApplyAsync(admin, Files(false, false, TeamYaml(team), ServiceYaml(kept, team), ServiceYaml(dropped, team)));
        (await admin.PostJsonAsync("api/v1/services", new ServiceRequest { Name = handMade, Team = team })).EnsureSuccessStatusCode();

        var withoutPrune = await ApplyAsync(admin, Files(false, false, TeamYaml(team), ServiceYaml(kept, team)));
        var plan = await ApplyAsync(admin, Files(true, true, TeamYaml(team), ServiceYaml(kept, team)));
        await ApplyAsync(admin, Files(false, true, TeamYaml(team), ServiceYaml(kept, team)));

        Assert.DoesNotContain(withoutPrune.Changes, c => c.Action == "delete");
        var deletes = plan.Changes.Where(c => c.Action == "delete").Select(c => c.Name).ToList();
        Assert.Contains(dropped, deletes);
        Assert.DoesNotContain(handMade, deletes);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"api/v1/services/{dropped}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"api/v1/services/{handMade}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"api/v1/services/{kept}")).StatusCode);
    }

    [Theory, DatabaseData]
    public async Task PruneIsRefusedWhileAHandMadeServiceDependsOnWhatItWouldDelete(string provider)
    {
        var app = await servers.GetIsolatedAsync(provider, "prune-references");
        using var admin = app.Admin();
        var team = Names.Unique("team");
        var (database, handMade) = (Names.Unique("db"), Names.Unique("handmade"));
        await ApplyAsync(admin, Files(false, false, TeamYaml(team), ServiceYaml(database, team)));
        (await admin.PostJsonAsync("api/v1/services", new ServiceRequest { Name = handMade, Team = team, DependsOn = [database] })).EnsureSuccessStatusCode();

        var errors = await (await admin.PostJsonAsync("api/v1/apply", Files(false, true, TeamYaml(team), ServiceYaml(Names.Unique("other"), team)))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains($"Service '{handMade}' (stored): spec.dependsOn[0]", errors.Keys);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"api/v1/services/{database}")).StatusCode);
    }

    [Theory, DatabaseData]
    public async Task InvalidDocumentsNameFileDocumentLineAndFieldAndWriteNothing(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var team = Names.Unique("team");
        var svc = Names.Unique("svc");
        var request = new ApplyRequest
        {
            Files =
            [
                new ApplyFile("teams.yaml", TeamYaml(team)),
                new ApplyFile("services.yaml", $"""
                    apiVersion: unyo.dev/v1
                    kind: Service
                    metadata:
                      name: {svc}
                      team: {team}
                    spec:
                      tier: 9
                      lifecycle: production
                      owner: someone
                    ---
                    apiVersion: unyo.dev/v1
                    kind: Database
                    metadata:
                      name: orders
                    """),
            ],
        };

        var errors = await (await admin.PostJsonAsync("api/v1/apply", request)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("services.yaml (document 1, line 9): spec.owner", errors.Keys);
        Assert.Contains("services.yaml (document 2, line 12): kind", errors.Keys);
        Assert.Equal(["is not a known field."], errors["services.yaml (document 1, line 9): spec.owner"]);
        Assert.Contains("'Database' is not a known kind", errors["services.yaml (document 2, line 12): kind"][0]);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"api/v1/teams/{team}")).StatusCode);
    }

    [Theory, DatabaseData]
    public async Task FieldRulesSyntaxErrorsDuplicatesAndCyclesAreRefused(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var team = Names.Unique("team");
        var (a, b) = (Names.Unique("a"), Names.Unique("b"));

        var tier = await (await admin.PostJsonAsync("api/v1/apply", Files(false, false, TeamYaml(team), ServiceYaml(a, team, tier: 9)))).ProblemAsync(HttpStatusCode.BadRequest);
        var syntax = await (await admin.PostJsonAsync("api/v1/apply", new ApplyRequest { Files = [new ApplyFile("broken.yaml", "kind: Team\nmetadata: [unclosed\n")] })).ProblemAsync(HttpStatusCode.BadRequest);
        var duplicate = await (await admin.PostJsonAsync("api/v1/apply", Files(false, false, TeamYaml(team), TeamYaml(team)))).ProblemAsync(HttpStatusCode.BadRequest);
        var cycle = await (await admin.PostJsonAsync("api/v1/apply", Files(false, false, TeamYaml(team), ServiceYaml(a, team, dependsOn: $"[{b}]"), ServiceYaml(b, team, dependsOn: $"[{a}]")))).ProblemAsync(HttpStatusCode.BadRequest);
        var missingTeam = await (await admin.PostJsonAsync("api/v1/apply", Files(false, false, ServiceYaml(a, Names.Unique("ghost"))))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(tier, e => e.Key.EndsWith("spec.tier", StringComparison.Ordinal) && e.Key.Contains("(document 2, line 14)", StringComparison.Ordinal));
        Assert.Contains(syntax, e => e.Key.StartsWith("broken.yaml (line", StringComparison.Ordinal));
        Assert.Contains(duplicate, e => e.Value[0].Contains("defined twice", StringComparison.Ordinal));
        Assert.Contains(cycle, e => e.Value[0].Contains("cycle", StringComparison.Ordinal));
        Assert.Contains(missingTeam, e => e.Key.EndsWith("metadata.team", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"api/v1/teams/{team}")).StatusCode);
    }

    [Theory, DatabaseData]
    public async Task BackstageCatalogInfoIsAcceptedAsServices(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, component, dependency) = (Names.Unique("team"), Names.Unique("artist-web"), Names.Unique("artist-api"));
        var catalogInfo = $"""
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata:
              name: {team}
            spec:
              type: team
              profile:
                displayName: Artists
              children: []
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: {dependency}
            spec:
              type: service
              lifecycle: production
              owner: group:default/{team}
            ---
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: {component}
              title: Artist Web
              description: The place to be, for great artists
              tags: [java]
              annotations:
                unyo.dev/tier: "1"
                github.com/project-slug: example/artist-web
              links:
                - url: https://admin.example-org.com
                  title: Admin Dashboard
            spec:
              type: website
              lifecycle: experimental
              owner: {team}
              system: artist-engagement-portal
              dependsOn: [component:{dependency}, resource:default/artists-db]
            ---
            apiVersion: backstage.io/v1alpha1
            kind: System
            metadata:
              name: artist-engagement-portal
            spec:
              owner: {team}
            """;

        var response = await ApplyAsync(admin, new ApplyRequest { Files = [new ApplyFile("catalog-info.yaml", catalogInfo)] });

        Assert.Equal(2, response.Warnings.Count);
        var service = await (await admin.GetAsync($"api/v1/services/{component}")).ReadAsync<ServiceResponse>(HttpStatusCode.OK);
        Assert.Equal(("Artist Web", team, 1, "experimental"), (service.DisplayName, service.Team, service.Tier, service.Lifecycle));
        Assert.Equal("https://github.com/example/artist-web", service.RepositoryUrl);
        Assert.Equal(["java", "system:artist-engagement-portal"], service.Tags);
        Assert.Equal([new ServiceLink("Admin Dashboard", "https://admin.example-org.com")], service.Links);
        Assert.Equal([dependency], service.DependsOn);
        var teamResponse = await (await admin.GetAsync($"api/v1/teams/{team}")).ReadAsync<TeamResponse>(HttpStatusCode.OK);
        Assert.Equal("Artists", teamResponse.DisplayName);
    }

    [Theory, DatabaseData]
    public async Task ExportReappliesToAnEmptyPlan(string provider)
    {
        var app = await servers.GetIsolatedAsync(provider, "export");
        using var admin = app.Admin();
        var team = Names.Unique("team");
        await ApplyAsync(admin, Files(false, false, TeamYaml(team), ServiceYaml(Names.Unique("svc"), team)));
        (await admin.PostJsonAsync("api/v1/services", new ServiceRequest
        {
            Name = Names.Unique("quoted"),
            Team = team,
            Description = "true: it looks like YAML # but is text",
            Tags = ["123", "yes", "null"],
            Links = [new ServiceLink("Docs: main", "https://docs.example/a?b=c#d")],
        })).EnsureSuccessStatusCode();

        var yaml = await admin.GetStringAsync("api/v1/export");
        var plan = await ApplyAsync(admin, new ApplyRequest { Files = [new ApplyFile("export.yaml", yaml)], DryRun = true, Prune = true });

        Assert.Contains($"name: {team}", yaml);
        Assert.NotEmpty(plan.Changes);
        Assert.All(plan.Changes, c => Assert.Equal("unchanged", c.Action));
    }

    [Theory, DatabaseData]
    public async Task MembersApplyOnlyTheirTeamsServicesAndViewersOnlyPlan(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (mine, theirs) = (Names.Unique("mine"), Names.Unique("theirs"));
        await ApplyAsync(admin, Files(false, false, TeamYaml(mine), TeamYaml(theirs)));
        var member = await app.CreateUserAsync(OrgRole.Member, mine);
        var viewer = await app.CreateUserAsync(OrgRole.Viewer);
        var foreign = Names.Unique("foreign");

        var own = await ApplyAsync(app.Client(member.Token), Files(false, false, ServiceYaml(Names.Unique("own"), mine)));
        var refused = await app.Client(member.Token).PostJsonAsync("api/v1/apply", Files(false, false, ServiceYaml(foreign, theirs)));
        var viewerPlan = await ApplyAsync(app.Client(viewer.Token), Files(true, false, ServiceYaml(foreign, theirs)));
        var memberPlan = await ApplyAsync(app.Client(member.Token), Files(true, false, ServiceYaml(foreign, theirs)));
        var viewerApply = await app.Client(viewer.Token).PostJsonAsync("api/v1/apply", Files(false, false, ServiceYaml(foreign, theirs)));

        Assert.True(own.Applied);
        var denied = await refused.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains($"Service '{foreign}'", denied.Keys);
        Assert.Equal("create", viewerPlan.Changes.Single().Action);
        Assert.Contains(memberPlan.Warnings, w => w.Contains($"Service '{foreign}'", StringComparison.Ordinal) && w.Contains("may not create", StringComparison.Ordinal));
        await viewerApply.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"api/v1/services/{foreign}")).StatusCode);
    }
}
