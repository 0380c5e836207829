using System.Net;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.IntegrationTests.Infrastructure;
using static Unyo.IntegrationTests.ConfigAsCode.YamlKit;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Deploys;

public sealed class ErrorBudgetPolicyConfigAsCodeTests(Servers servers)
{
    private static string PolicyYaml(string name, string services, string freezeAt = "10") => $"""
        apiVersion: unyo.dev/v1
        kind: ErrorBudgetPolicy
        metadata:
          name: {name}
        spec:
          description: Ship only with most of the budget left.
          services: [{services}]
          steps:
            - remainingAtOrBelow: 50
              decision: warn
            - remainingAtOrBelow: {freezeAt}
              decision: freeze
          freezeWhilePaging: false
          exemptLabels: []
        """;

    private static string DefaultYaml(string name) => $"""
        apiVersion: unyo.dev/v1
        kind: ErrorBudgetPolicy
        metadata:
          name: {name}
        spec:
          default: true
          steps:
            - remainingAtOrBelow: -25.5
              decision: freeze
        """;

    private static ApplyRequest Files(bool dryRun, bool prune, params string[] documents) =>
        new() { Files = [new ApplyFile("policies.yaml", string.Join("\n---\n", documents))], DryRun = dryRun, Prune = prune };

    /// The error names the field of the n-th document (whatever line it is on), and says `text`.
    private static void AssertAt(Dictionary<string, string[]> errors, int document, string path, string text)
    {
        var key = errors.Keys.FirstOrDefault(k => k.Contains($"(document {document},", StringComparison.Ordinal) && k.EndsWith($"): {path}", StringComparison.Ordinal));
        Assert.True(key is not null, $"no error for document {document} {path}; errors: {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
        errors.AssertField(key!, text);
    }

    [Theory, DatabaseData]
    public async Task ApplyCreatesTeamServicesAndPolicyInAnyOrderAndTheExportAppliesBackToAnEmptyPlan(string provider)
    {
        // A server of its own: the organisation default here would govern other tests' services.
        var app = await servers.GetIsolatedAsync(provider, "policy-yaml");
        using var admin = app.Admin();
        var (team, first, second, policy) = (Names.Unique("team"), Names.Unique("svc"), Names.Unique("svc"), Names.Unique("policy"));
        var request = Files(false, false, DefaultYaml("org-default"), PolicyYaml(policy, $"{second}, {first}"), ServiceYaml(first, team), ServiceYaml(second, team), TeamYaml(team));

        var applied = await ApplyAsync(admin, request);
        var again = await ApplyAsync(admin, request);
        var stored = await (await admin.GetAsync($"api/v1/error-budget-policies/{policy}")).ReadAsync<ErrorBudgetPolicyResponse>(HttpStatusCode.OK);
        var fallback = await (await admin.GetAsync("api/v1/error-budget-policies/org-default")).ReadAsync<ErrorBudgetPolicyResponse>(HttpStatusCode.OK);
        var export = await (await admin.GetAsync("api/v1/export")).Content.ReadAsStringAsync();
        var replan = await ApplyAsync(admin, new ApplyRequest { Files = [new ApplyFile("export.yaml", export)], DryRun = true, Prune = true });
        var changed = await ApplyAsync(admin, Files(true, false, PolicyYaml(policy, first, freezeAt: "12.5")));

        // Kinds in apply order (Team, Service, ErrorBudgetPolicy), names in order within a kind.
        Assert.Equal([$"create Team {team}", .. new[] { first, second }.Order(StringComparer.Ordinal).Select(s => $"create Service {s}"),
            .. new[] { "org-default", policy }.Order(StringComparer.Ordinal).Select(p => $"create ErrorBudgetPolicy {p}")],
            applied.Changes.Select(c => $"{c.Action} {c.Kind} {c.Name}"));
        Assert.All(again.Changes, c => Assert.Equal("unchanged", c.Action));
        Assert.Equal([.. new[] { first, second }.Order(StringComparer.Ordinal)], stored.Services);
        Assert.Equal([team], stored.Teams);
        Assert.Equal(("apply", false, 0), (stored.ManagedBy, stored.FreezeWhilePaging, stored.ExemptLabels.Count));
        Assert.Equal([(50m, "warn"), (10m, "freeze")], stored.Steps.Select(s => (s.RemainingAtOrBelow!.Value, s.Decision!)));
        Assert.Equal((true, -25.5m, true), (fallback.Default, fallback.Steps.Single().RemainingAtOrBelow!.Value, fallback.FreezeWhilePaging));
        Assert.Equal(["rollback", "security-fix"], fallback.ExemptLabels);
        Assert.Contains("kind: ErrorBudgetPolicy", export);
        Assert.Contains("exemptLabels: []", export);
        Assert.All(replan.Changes, c => Assert.Equal("unchanged", c.Action));
        Assert.Contains(replan.Changes, c => c.Kind == "ErrorBudgetPolicy" && c.Name == policy);
        var fields = changed.Changes.Single(c => c.Kind == "ErrorBudgetPolicy").Fields;
        Assert.Equal([
            new FieldChange("spec.services", $"[{string.Join(", ", new[] { first, second }.Order(StringComparer.Ordinal))}]", $"[{first}]"),
            new FieldChange("spec.steps[1].remainingAtOrBelow", "10", "12.5")], fields);
    }

    [Theory, DatabaseData]
    public async Task PruneDeletesAPolicyAndAServiceMovesFromAPrunedPolicyToANewOneInOneApply(string provider)
    {
        var app = await servers.GetIsolatedAsync(provider, "policy-prune");
        using var admin = app.Admin();
        var (team, service, old, replacement) = (Names.Unique("team"), Names.Unique("svc"), Names.Unique("old"), Names.Unique("new"));
        await ApplyAsync(admin, Files(false, false, TeamYaml(team), ServiceYaml(service, team), PolicyYaml(old, service), DefaultYaml("old-default")));

        var moved = await ApplyAsync(admin, Files(false, true, TeamYaml(team), ServiceYaml(service, team), PolicyYaml(replacement, service), DefaultYaml("new-default")));
        var effective = await (await admin.GetAsync($"api/v1/services/{service}/error-budget-policy")).ReadAsync<EffectiveErrorBudgetPolicyResponse>(HttpStatusCode.OK);
        // Prune deletes only kinds the files hold: the default stays in them.
        var pruned = await ApplyAsync(admin, Files(false, true, TeamYaml(team), ServiceYaml(service, team), DefaultYaml("new-default")));
        var fallback = await (await admin.GetAsync($"api/v1/services/{service}/error-budget-policy")).ReadAsync<EffectiveErrorBudgetPolicyResponse>(HttpStatusCode.OK);

        Assert.Equal(
            new[] { "create ErrorBudgetPolicy new-default", $"create ErrorBudgetPolicy {replacement}", $"delete ErrorBudgetPolicy {old}", "delete ErrorBudgetPolicy old-default" }.Order(StringComparer.Ordinal),
            moved.Changes.Where(c => c.Action != "unchanged").Select(c => $"{c.Action} {c.Kind} {c.Name}").Order(StringComparer.Ordinal));
        Assert.Equal(("service", replacement), (effective.Source, effective.Policy));
        Assert.Equal([replacement], pruned.Changes.Where(c => c.Action == "delete").Select(c => c.Name));
        Assert.Equal(("default", "new-default"), (fallback.Source, fallback.Policy));
        Assert.Equal(["errorbudgetpolicy.create", "errorbudgetpolicy.delete"], app.WithDb(db => db.AuditRecords.Where(r => r.ObjectName == old).OrderBy(r => r.Id).Select(r => r.Action).ToList()));
    }

    [Theory, DatabaseData]
    public async Task BrokenReferencesAndConflictsNameTheirPlaceAndNothingIsApplied(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var (stored, first, second) = (Names.Unique("stored"), Names.Unique("first"), Names.Unique("second"));
        (await admin.PostJsonAsync("api/v1/error-budget-policies", new ErrorBudgetPolicyRequest
        {
            Name = stored, Services = [service], Steps = [new() { RemainingAtOrBelow = 0, Decision = "freeze" }],
        })).EnsureSuccessStatusCode();

        var fields = await (await admin.PostJsonAsync("api/v1/apply", Files(false, false, $"""
            apiVersion: unyo.dev/v1
            kind: ErrorBudgetPolicy
            metadata:
              name: {first}
              team: {team}
            spec:
              services: [{service}]
              steps:
                - remainingAtOrBelow: 10
                  decision: freeze
                - remainingAtOrBelow: 20
                  decision: warn
              exemptLabels: [Rollback]
            """, $"""
            apiVersion: unyo.dev/v1
            kind: ErrorBudgetPolicy
            metadata:
              name: {second}
            spec:
              services: [{service}]
              frozen: true
            """))).ProblemAsync(HttpStatusCode.BadRequest);
        var references = await (await admin.PostJsonAsync("api/v1/apply", Files(false, false,
            PolicyYaml(first, $"{service}, no-such-service"), PolicyYaml(second, "no-such-other")))).ProblemAsync(HttpStatusCode.BadRequest);

        AssertAt(fields, 1, "metadata.team", "is not used by kind ErrorBudgetPolicy");
        AssertAt(fields, 1, "spec.steps[1].remainingAtOrBelow", "20 must be below the previous step's 10");
        AssertAt(fields, 1, "spec.steps[1].decision", "'warn' is less severe than 'freeze' at 10% left");
        AssertAt(fields, 1, "spec.exemptLabels[0]", "'Rollback' must be 2-63 lower-case letters");
        AssertAt(fields, 2, "spec.frozen", "");
        AssertAt(references, 1, "spec.services[0]", $"service '{service}' is also governed by policy '{stored}': a service follows at most one policy.");
        AssertAt(references, 1, "spec.services[1]", "service 'no-such-service' does not exist");
        AssertAt(references, 2, "spec.services[0]", "service 'no-such-other' does not exist");
        Assert.False(app.WithDb(db => db.ErrorBudgetPolicies.Any(p => p.Name == first || p.Name == second)));
    }

    [Theory, DatabaseData]
    public async Task TwoPoliciesCannotShareAServiceOrBothBeTheDefaultAndAGovernedServiceIsNotPruned(string provider)
    {
        var app = await servers.GetIsolatedAsync(provider, "policy-conflicts");
        using var admin = app.Admin();
        var (team, kept, gone) = (Names.Unique("team"), Names.Unique("kept"), Names.Unique("gone"));
        await ApplyAsync(admin, Files(false, false, TeamYaml(team), ServiceYaml(kept, team), ServiceYaml(gone, team), PolicyYaml("stored", gone)));

        var shared = await (await admin.PostJsonAsync("api/v1/apply", Files(true, false, PolicyYaml("one", kept), PolicyYaml("two", kept)))).ProblemAsync(HttpStatusCode.BadRequest);
        var defaults = await (await admin.PostJsonAsync("api/v1/apply", Files(true, false, DefaultYaml("one"), DefaultYaml("two")))).ProblemAsync(HttpStatusCode.BadRequest);
        var prunedService = await (await admin.PostJsonAsync("api/v1/apply", Files(false, true, TeamYaml(team), ServiceYaml(kept, team)))).ProblemAsync(HttpStatusCode.BadRequest);

        AssertAt(shared, 1, "spec.services[0]", $"service '{kept}' is also governed by policy 'two'");
        AssertAt(shared, 2, "spec.services[0]", $"service '{kept}' is also governed by policy 'one'");
        AssertAt(defaults, 1, "spec.default", "policy 'two' is the organisation default too");
        AssertAt(defaults, 2, "spec.default", "policy 'one' is the organisation default too");
        prunedService.AssertField("ErrorBudgetPolicy 'stored' (stored): spec.services[0]", $"service '{gone}' is being pruned, but this policy still governs it");
        Assert.True(app.WithDb(db => db.Services.Any(s => s.Name == gone)));
    }

    [Theory, DatabaseData]
    public async Task MembersApplyPoliciesForTheirOwnServicesOnly(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var (_, foreign) = await SloTestKit.CreateServiceAsync(admin);
        var member = app.Client((await app.CreateUserAsync(OrgRole.Member, team)).Token);
        var (own, other) = (Names.Unique("own"), Names.Unique("other"));

        var allowed = await ApplyAsync(member, Files(false, false, PolicyYaml(own, service)));
        var foreignDenied = await (await member.PostJsonAsync("api/v1/apply", Files(false, false, PolicyYaml(other, foreign)))).ProblemAsync(HttpStatusCode.Forbidden);
        var defaultDenied = await (await member.PostJsonAsync("api/v1/apply", Files(false, false, DefaultYaml(Names.Unique("default"))))).ProblemAsync(HttpStatusCode.Forbidden);
        var planned = await ApplyAsync(member, Files(true, false, DefaultYaml(Names.Unique("default"))));

        Assert.Equal("create", allowed.Changes.Single().Action);
        Assert.Contains($"ErrorBudgetPolicy '{other}'", foreignDenied.Keys);
        Assert.Single(defaultDenied);
        Assert.Contains(planned.Warnings, w => w.Contains("you may not create it", StringComparison.Ordinal));
        Assert.Equal("apply", (await (await admin.GetAsync($"api/v1/error-budget-policies/{own}")).ReadAsync<ErrorBudgetPolicyResponse>(HttpStatusCode.OK)).ManagedBy);
        Assert.False(app.WithDb(db => db.ErrorBudgetPolicies.Any(p => p.Name == other || p.IsDefault && p.Name.StartsWith("default-"))));
    }
}
