using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using Unyo.Client;
using Unyo.Features.Slos;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Deploys;

// Exempt labels, admin overrides and "freeze while paging" as a stored policy sets them.
public sealed class GatePolicyExemptionTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task UnderAServicePolicyOnlyItsOwnLabelsExemptAndAnAdminOverrideStillLetsAFrozenReleaseOut(string provider)
    {
        var clock = new FakeTimeProvider(SloClock.Start);
        var app = await SloClock.ServerAsync(servers, provider, clock);
        var slo = await SloClock.SloAsync(app, clock, Names.Unique("vault"));
        var service = $"{slo.Name}-svc";
        // 0.08% errors against a 0.1% budget: 20% left, which the built-in policy only warns about.
        await SloClock.TrafficAsync(app, slo.SliId, SloClock.Start.AddDays(-2), 2 * 1440, errorRatio: 0.0008, perMinute: 10_000);
        using var admin = app.Admin();
        (await admin.PostJsonAsync("api/v1/error-budget-policies", new ErrorBudgetPolicyRequest
        {
            Name = $"{slo.Name}-careful",
            Services = [service],
            Steps = [new() { RemainingAtOrBelow = 30, Decision = "freeze" }],
            ExemptLabels = ["hotfix"],
        })).EnsureSuccessStatusCode();
        string[] connection = ["--server", app.Address.ToString(), "--token", UnyoApp.AdminToken];

        var rollback = await ReleaseGateTests.RunAsync(["gate", service, "--label", "rollback,security-fix", .. connection]);
        var hotfix = await ReleaseGateTests.RunAsync(["gate", service, "--label", "hotfix", .. connection]);
        (await admin.PostJsonAsync($"api/v1/services/{service}/release-gate/overrides",
            new CreateGateOverrideRequest { Reason = "Quarter-end release agreed with the SRE lead", Hours = 1 })).EnsureSuccessStatusCode();
        var overridden = await ReleaseGateTests.RunAsync(["gate", service, .. connection]);
        var gate = await (await admin.GetAsync($"api/v1/services/{service}/release-gate")).ReadAsync<ReleaseGateResponse>(HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromHours(1));
        var lapsed = await ReleaseGateTests.RunAsync(["gate", service, .. connection]);

        // The built-in labels exempt nothing under a policy that lists its own.
        Assert.Equal(1, rollback.Exit);
        Assert.Contains($"{service}: FROZEN", rollback.Out);
        Assert.Contains($"→ freeze (policy '{slo.Name}-careful': freeze at ≤ 30% left).", rollback.Out);
        Assert.Contains($"  policy '{slo.Name}-careful': freeze at ≤ 30% left; freeze while a page burn alert fires; exempt: hotfix", rollback.Out);
        Assert.DoesNotContain("Exempt", rollback.Out);
        Assert.Equal(0, hotfix.Exit);
        Assert.Contains("ALLOWED (freeze)", hotfix.Out);
        Assert.Contains("Exempt: the change is labelled hotfix.", hotfix.Out);
        Assert.Equal(0, overridden.Exit);
        Assert.Contains("Quarter-end release agreed with the SRE lead", overridden.Out);
        Assert.Equal((true, "freeze", $"{slo.Name}-careful", "service"), (gate.Allowed, gate.Decision, gate.PolicyName, gate.PolicySource));
        Assert.NotNull(gate.Override);
        Assert.Equal(1, lapsed.Exit);
    }

    [Theory, DatabaseData]
    public async Task APolicyThatDoesNotFreezeWhilePagingLetsAPagingServiceShipUntilItsStepsFreeze(string provider)
    {
        var clock = new FakeTimeProvider(SloClock.Start);
        var app = await SloClock.ServerAsync(servers, provider, clock);
        var slo = await SloClock.SloAsync(app, clock, Names.Unique("feed"));
        var service = $"{slo.Name}-svc";
        var policy = $"{slo.Name}-calm";
        using var admin = app.Admin();
        var request = new ErrorBudgetPolicyRequest
        {
            Name = policy,
            Services = [service],
            Steps = [new() { RemainingAtOrBelow = 0, Decision = "warn" }, new() { RemainingAtOrBelow = -100, Decision = "freeze" }],
            FreezeWhilePaging = false,
        };
        (await admin.PostJsonAsync("api/v1/error-budget-policies", request)).EnsureSuccessStatusCode();
        // Two quiet days at 0.08% errors, then a total outage this minute: the page fires.
        await SloClock.TrafficAsync(app, slo.SliId, SloClock.Start.AddDays(-2), 2 * 1440, errorRatio: 0.0008, perMinute: 10_000);
        await SloClock.TrafficAsync(app, slo.SliId, SloClock.Start, 1, errorRatio: 1, perMinute: 10_000);
        clock.SetUtcNow(SloClock.Start.AddSeconds(59));
        await SloClock.EvaluateAsync(app, clock.GetUtcNow());
        async Task<ReleaseGateResponse> GateAsync() =>
            await (await admin.GetAsync($"api/v1/services/{service}/release-gate")).ReadAsync<ReleaseGateResponse>(HttpStatusCode.OK);

        var calm = await GateAsync();
        var current = await (await admin.GetAsync($"api/v1/error-budget-policies/{policy}")).ReadAsync<ErrorBudgetPolicyResponse>(HttpStatusCode.OK);
        (await admin.PutAsJsonAsync($"api/v1/error-budget-policies/{policy}", request with { FreezeWhilePaging = true })).EnsureSuccessStatusCode();
        var strict = await GateAsync();

        Assert.Contains(SloClock.Alerts(app, slo.Id), a => a.Kind == BurnAlertKind.Page && a.ResolvedAt == null);
        Assert.False(current.FreezeWhilePaging);
        // The outage overspent the budget a little: warn, not freeze, and the page alone holds nothing.
        Assert.Equal((true, "warn"), (calm.Allowed, calm.Decision));
        Assert.InRange(calm.Slos[0].BudgetRemainingPercent!.Value, -100, 0);
        Assert.DoesNotContain(calm.Reasons, r => r.Contains("page burn alert", StringComparison.Ordinal));
        Assert.Equal((false, "freeze"), (strict.Allowed, strict.Decision));
        Assert.Contains(strict.Reasons, r => r.EndsWith($"a page burn alert fires → freeze (policy '{policy}' freezes while paging).", StringComparison.Ordinal));
    }
}
