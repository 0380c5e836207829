using System.Net;
using Microsoft.Extensions.Time.Testing;
using Unyo.Cli;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.Features.Slos;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Deploys;

public sealed class ReleaseGateTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task UnyoGateExitsOneForAnExhaustedBudgetAndZeroAfterAnAdminOverride(string provider)
    {
        var clock = new FakeTimeProvider(SloClock.Start);
        var app = await SloClock.ServerAsync(servers, provider, clock);
        var slo = await SloClock.SloAsync(app, clock, Names.Unique("payments"));
        var service = $"{slo.Name}-svc";
        // A day at 1% errors against a 0.1% budget: ten times overspent.
        await SloClock.TrafficAsync(app, slo.SliId, SloClock.Start.AddDays(-1), 1440, errorRatio: 0.01);
        string[] connection = ["--server", app.Address.ToString(), "--token", UnyoApp.AdminToken];

        var frozen = await RunAsync(["gate", service, .. connection]);
        var gate = await (await app.Admin().GetAsync($"api/v1/services/{service}/release-gate")).ReadAsync<ReleaseGateResponse>(HttpStatusCode.OK);
        var exempt = await RunAsync(["gate", service, "--label", "rollback", .. connection]);
        var created = await (await app.Admin().PostJsonAsync($"api/v1/services/{service}/release-gate/overrides",
            new CreateGateOverrideRequest { Reason = "Shipping the fix for the 1% errors", Hours = 2 })).ReadAsync<GateOverrideResponse>(HttpStatusCode.Created);
        var overridden = await RunAsync(["gate", service, .. connection]);

        Assert.Equal(1, frozen.Exit);
        Assert.Contains($"{service}: FROZEN", frozen.Out);
        Assert.Contains($"SLO {slo.Name}: -900% of the error budget left → freeze (built-in policy: freeze at ≤ 0% left).", frozen.Out);
        Assert.Contains("  built-in policy: warn at ≤ 25% left; freeze at ≤ 0% left; freeze while a page burn alert fires; exempt: rollback, security-fix", frozen.Out);
        Assert.Equal((false, "freeze", "built-in", null), (gate.Allowed, gate.Decision, gate.PolicySource, gate.PolicyName));
        var judged = Assert.Single(gate.Slos);
        Assert.True(judged.Exhausted);
        Assert.Equal(-900, judged.BudgetRemainingPercent!.Value, 6);
        Assert.Equal(0, exempt.Exit);
        Assert.Contains("Exempt: the change is labelled rollback.", exempt.Out);
        Assert.Equal(0, overridden.Exit);
        Assert.Contains("ALLOWED (freeze)", overridden.Out);
        Assert.Contains("Shipping the fix for the 1% errors", overridden.Out);
        Assert.Equal(SloClock.Start.AddHours(2), created.ExpiresAt);

        // The override lapses by itself, and an admin can end one early.
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, (await RunAsync(["gate", service, .. connection])).Exit);
        var again = await (await app.Admin().PostJsonAsync($"api/v1/services/{service}/release-gate/overrides",
            new CreateGateOverrideRequest { Reason = "One more emergency fix today" })).ReadAsync<GateOverrideResponse>(HttpStatusCode.Created);
        Assert.Equal(0, (await RunAsync(["gate", service, .. connection])).Exit);
        Assert.Equal(HttpStatusCode.NoContent, (await app.Admin().DeleteAsync($"api/v1/services/{service}/release-gate/overrides/{again.Id}")).StatusCode);
        Assert.Equal(1, (await RunAsync(["gate", service, .. connection])).Exit);

        var history = await (await app.Admin().GetAsync($"api/v1/services/{service}/release-gate/overrides")).ReadAsync<List<GateOverrideResponse>>(HttpStatusCode.OK);
        Assert.Equal(2, history.Count);
        var actions = app.WithDb(db => db.AuditRecords.Where(r => r.ObjectName == service).Select(r => r.Action).ToList());
        Assert.Equal(2, actions.Count(a => a == "release-gate.override"));
        Assert.Contains("release-gate.override-end", actions);
    }

    [Theory, DatabaseData]
    public async Task UnyoGateExitsOneWhereAStricterServicePolicyFreezesWhatTheBuiltInPolicyLetsOutWithAWarning(string provider)
    {
        var clock = new FakeTimeProvider(SloClock.Start);
        var app = await SloClock.ServerAsync(servers, provider, clock);
        var slo = await SloClock.SloAsync(app, clock, Names.Unique("ledger"));
        var service = $"{slo.Name}-svc";
        var policy = $"{slo.Name}-strict";
        // 0.08% errors against a 0.1% budget: 20% left.
        await SloClock.TrafficAsync(app, slo.SliId, SloClock.Start.AddDays(-2), 2 * 1440, errorRatio: 0.0008, perMinute: 10_000);
        string[] connection = ["--server", app.Address.ToString(), "--token", UnyoApp.AdminToken];
        var file = $"""
            apiVersion: unyo.dev/v1
            kind: ErrorBudgetPolicy
            metadata:
              name: {policy}
            spec:
              description: The ledger ships only with most of its budget left.
              services: [{service}]
              steps:
                - remainingAtOrBelow: 50
                  decision: warn
                - remainingAtOrBelow: 25
                  decision: freeze
            """;

        var warned = await RunAsync(["gate", service, .. connection]);
        var applied = await RunAsync(["apply", "-f", "-", .. connection], file);
        var frozen = await RunAsync(["gate", service, .. connection]);
        var exempt = await RunAsync(["gate", service, "--label", "rollback", .. connection]);
        var gate = await (await app.Admin().GetAsync($"api/v1/services/{service}/release-gate")).ReadAsync<ReleaseGateResponse>(HttpStatusCode.OK);

        Assert.Equal(0, warned.Exit);
        Assert.Contains($"{service}: ALLOWED (warn)", warned.Out);
        Assert.Contains("(built-in policy: warn at ≤ 25% left)", warned.Out);
        Assert.Equal(0, applied.Exit);
        Assert.Contains($"+ ErrorBudgetPolicy {policy}", applied.Out);
        Assert.Equal(1, frozen.Exit);
        Assert.Contains($"{service}: FROZEN", frozen.Out);
        Assert.Contains($"SLO {slo.Name}: 20% of the error budget left → freeze (policy '{policy}': freeze at ≤ 25% left).", frozen.Out);
        Assert.Contains($"  policy '{policy}': warn at ≤ 50% left; freeze at ≤ 25% left; freeze while a page burn alert fires; exempt: rollback, security-fix", frozen.Out);
        // Left out, the exempt labels are the built-in ones.
        Assert.Equal(0, exempt.Exit);
        Assert.Contains("Exempt: the change is labelled rollback.", exempt.Out);
        Assert.Equal((false, "freeze", "service", policy), (gate.Allowed, gate.Decision, gate.PolicySource, gate.PolicyName));
    }

    [Theory, DatabaseData]
    public async Task TheGateFollowsTheServicesOwnPolicyElseTheOrganisationDefaultElseTheBuiltInPolicy(string provider)
    {
        var clock = new FakeTimeProvider(SloClock.Start);
        var app = await SloClock.ServerAsync(servers, provider, clock);
        var own = await SloClock.SloAsync(app, clock, Names.Unique("own"));
        var fallback = await SloClock.SloAsync(app, clock, Names.Unique("fallback"));
        foreach (var slo in new[] { own, fallback })
        {
            await SloClock.TrafficAsync(app, slo.SliId, SloClock.Start.AddDays(-2), 2 * 1440, errorRatio: 0.0008, perMinute: 10_000);
        }
        using var api = app.Admin();
        async Task<ReleaseGateResponse> GateAsync(Slo slo, string labels = "") =>
            await (await api.GetAsync($"api/v1/services/{slo.Name}-svc/release-gate?labels={labels}")).ReadAsync<ReleaseGateResponse>(HttpStatusCode.OK);
        async Task<EffectiveErrorBudgetPolicyResponse> EffectiveAsync(Slo slo) =>
            await (await api.GetAsync($"api/v1/services/{slo.Name}-svc/error-budget-policy")).ReadAsync<EffectiveErrorBudgetPolicyResponse>(HttpStatusCode.OK);

        var builtIn = await GateAsync(own);
        var builtInPolicy = await EffectiveAsync(own);
        (await api.PostJsonAsync("api/v1/error-budget-policies", new ErrorBudgetPolicyRequest
        {
            Name = "own-strict",
            Services = [$"{own.Name}-svc"],
            Steps = [new() { RemainingAtOrBelow = 30, Decision = "freeze" }],
            FreezeWhilePaging = false,
            ExemptLabels = [],
        })).EnsureSuccessStatusCode();
        var strict = await GateAsync(own, "rollback");
        var stillBuiltIn = await GateAsync(fallback);
        (await api.PostJsonAsync("api/v1/error-budget-policies", new ErrorBudgetPolicyRequest
        {
            Name = "org-relaxed",
            Default = true,
            Steps = [new() { RemainingAtOrBelow = 10, Decision = "warn" }, new() { RemainingAtOrBelow = -50, Decision = "freeze" }],
        })).EnsureSuccessStatusCode();
        var relaxed = await GateAsync(fallback);
        var defaultPolicy = await EffectiveAsync(fallback);
        var stillStrict = await GateAsync(own);
        (await api.DeleteAsync("api/v1/error-budget-policies/own-strict")).EnsureSuccessStatusCode();
        var afterDelete = await GateAsync(own);
        var servicePolicyGone = await EffectiveAsync(own);

        Assert.Equal(("warn", "built-in", null), (builtIn.Decision, builtIn.PolicySource, builtIn.PolicyName));
        Assert.Contains(builtIn.Reasons, r => r.EndsWith("→ warn (built-in policy: warn at ≤ 25% left).", StringComparison.Ordinal));
        Assert.Equal(("built-in", null, true), (builtInPolicy.Source, builtInPolicy.Policy, builtInPolicy.FreezeWhilePaging));
        Assert.Equal([(25m, "warn"), (0m, "freeze")], builtInPolicy.Steps.Select(s => (s.RemainingAtOrBelow!.Value, s.Decision!)));
        Assert.Equal(["rollback", "security-fix"], builtInPolicy.ExemptLabels);

        // Its own policy freezes at 20% left, and exempts nothing: rollback does not help.
        Assert.Equal((false, "freeze", "service", "own-strict"), (strict.Allowed, strict.Decision, strict.PolicySource, strict.PolicyName));
        Assert.Contains(strict.Reasons, r => r.EndsWith("→ freeze (policy 'own-strict': freeze at ≤ 30% left).", StringComparison.Ordinal));
        Assert.Empty(strict.ExemptLabels);
        Assert.Equal("freeze at ≤ 30% left; no exempt labels", strict.Policy);
        Assert.Equal(("warn", "built-in"), (stillBuiltIn.Decision, stillBuiltIn.PolicySource));

        // The default governs every service without a policy of its own.
        Assert.Equal((true, "allow", "default", "org-relaxed"), (relaxed.Allowed, relaxed.Decision, relaxed.PolicySource, relaxed.PolicyName));
        Assert.Contains(relaxed.Reasons, r => r.EndsWith("→ allow (organisation default policy 'org-relaxed': allow above 10% left).", StringComparison.Ordinal));
        Assert.Equal(("default", "org-relaxed"), (defaultPolicy.Source, defaultPolicy.Policy));
        Assert.Equal(("freeze", "own-strict"), (stillStrict.Decision, stillStrict.PolicyName));
        Assert.Equal(("allow", "default", "org-relaxed"), (afterDelete.Decision, afterDelete.PolicySource, afterDelete.PolicyName));
        Assert.Equal(("default", "org-relaxed"), (servicePolicyGone.Source, servicePolicyGone.Policy));
    }

    [Theory, DatabaseData]
    public async Task TheGateWarnsAsTheBudgetRunsLowAndFreezesWhileAPageFires(string provider)
    {
        var clock = new FakeTimeProvider(SloClock.Start);
        var app = await SloClock.ServerAsync(servers, provider, clock);
        var slo = await SloClock.SloAsync(app, clock, Names.Unique("search"));
        var service = $"{slo.Name}-svc";
        using var api = app.Admin();

        var empty = await (await api.GetAsync($"api/v1/services/{service}/release-gate")).ReadAsync<ReleaseGateResponse>(HttpStatusCode.OK);
        Assert.Equal((true, "warn"), (empty.Allowed, empty.Decision));
        Assert.Contains("has no data", Assert.Single(empty.Reasons));

        // 0.08% errors: 20% of the budget left → warn, still allowed.
        await SloClock.TrafficAsync(app, slo.SliId, SloClock.Start.AddDays(-2), 2 * 1440, errorRatio: 0.0008, perMinute: 10_000);
        var low = await (await api.GetAsync($"api/v1/services/{service}/release-gate")).ReadAsync<ReleaseGateResponse>(HttpStatusCode.OK);
        Assert.Equal((true, "warn"), (low.Allowed, low.Decision));
        Assert.Equal(20, low.Slos[0].BudgetRemainingPercent!.Value, 6);

        // A total outage this minute: the page fires and the gate freezes although budget is left.
        await SloClock.TrafficAsync(app, slo.SliId, SloClock.Start, 1, errorRatio: 1, perMinute: 10_000);
        clock.SetUtcNow(SloClock.Start.AddSeconds(59));
        await SloClock.EvaluateAsync(app, clock.GetUtcNow());
        var paging = await (await api.GetAsync($"api/v1/services/{service}/release-gate?labels=feature,security-fix")).ReadAsync<ReleaseGateResponse>(HttpStatusCode.OK);
        Assert.Equal("freeze", paging.Decision);
        Assert.Contains(paging.Reasons, r => r.Contains("a page burn alert fires", StringComparison.Ordinal));
        Assert.True(paging.Allowed);
        Assert.Equal(["security-fix"], paging.ExemptLabels);
    }

    [Theory, DatabaseData]
    public async Task OnlyAdminsOverrideWithAReasonAndABoundedDuration(string provider)
    {
        var app = await servers.GetAsync(provider);
        var member = await app.CreateUserAsync(OrgRole.Member);
        var team = Names.Unique("team");
        var service = Names.Unique("svc");
        (await app.Admin().PostJsonAsync("api/v1/teams", new TeamRequest { Name = team })).EnsureSuccessStatusCode();
        (await app.Admin().PostJsonAsync("api/v1/services", new ServiceRequest { Name = service, Team = team })).EnsureSuccessStatusCode();
        var url = $"api/v1/services/{service}/release-gate/overrides";

        await (await app.Client(member.Token).PostJsonAsync(url, new CreateGateOverrideRequest { Reason = "I would like to ship please" })).ProblemAsync(HttpStatusCode.Forbidden);
        var bad = await (await app.Admin().PostJsonAsync(url, new CreateGateOverrideRequest { Reason = "because", Hours = 500 })).ProblemAsync(HttpStatusCode.BadRequest);
        bad.AssertField("reason", "10–500 characters");
        bad.AssertField("hours", "between 1 and 168");
        await (await app.Admin().PostJsonAsync("api/v1/services/no-such-service/release-gate/overrides", new CreateGateOverrideRequest { Reason = "a long enough reason" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await app.Admin().DeleteAsync($"{url}/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);

        var free = await (await app.Client(member.Token).GetAsync($"api/v1/services/{service}/release-gate")).ReadAsync<ReleaseGateResponse>(HttpStatusCode.OK);
        Assert.Equal((true, "allow"), (free.Allowed, free.Decision));
        Assert.Contains("no SLOs", Assert.Single(free.Reasons));
        await (await app.Admin().GetAsync("api/v1/services/no-such-service/release-gate")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(app.WithDb(db => db.ReleaseGateOverrides.Where(o => o.Service!.Name == service).ToList()));
    }

    internal static async Task<(int Exit, string Out, string Err)> RunAsync(string[] args, string stdin = "")
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await UnyoCli.RunAsync(args, stdout, stderr, new StringReader(stdin));
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
