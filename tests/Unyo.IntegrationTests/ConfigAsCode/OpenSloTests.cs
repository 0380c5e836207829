using System.Net;
using Unyo.Cli;
using Unyo.Client;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.ConfigAsCode;

/// OpenSLO v1 documents through `unyo apply`, and `unyo export --format openslo` back.
public sealed class OpenSloTests(Servers servers)
{
    private static string Owner(string team, string service) => $"""
        apiVersion: unyo.dev/v1
        kind: Team
        metadata:
          name: {team}
        ---
        apiVersion: unyo.dev/v1
        kind: Service
        metadata:
          name: {service}
          team: {team}
        """;

    // A Prometheus DataSource, an AlertPolicy referring to an AlertCondition, and an SLO whose
    // inline SLI counts errors against all requests.
    private static string Availability(string service, string slo, string sli, string target = "0.999", string after = "5m") => $$"""
        apiVersion: openslo/v1
        kind: DataSource
        metadata:
          name: metrics
        spec:
          type: Prometheus
          connectionDetails:
            url: http://prometheus.internal:9090
        ---
        apiVersion: openslo/v1
        kind: AlertCondition
        metadata:
          name: fast-burn
        spec:
          severity: page
          condition:
            kind: burnrate
            op: gt
            threshold: 13.44
            lookbackWindow: 1h
            alertAfter: {{after}}
        ---
        apiVersion: openslo/v1
        kind: AlertPolicy
        metadata:
          name: page-on-fast-burn
        spec:
          alertWhenBreaching: true
          alertWhenResolved: true
          alertWhenNoData: false
          conditions:
            - conditionRef: fast-burn
          notificationTargets:
            - targetRef: pager
        ---
        apiVersion: openslo/v1
        kind: SLO
        metadata:
          name: {{slo}}
          displayName: Checkout availability
        spec:
          service: {{service}}
          indicator:
            metadata:
              name: {{sli}}
            spec:
              ratioMetric:
                counter: true
                bad:
                  metricSource:
                    metricSourceRef: metrics
                    spec:
                      query: http_requests_total{job="checkout",code=~"5.."}
                total:
                  metricSource:
                    metricSourceRef: metrics
                    spec:
                      query: http_requests_total{job="checkout"}
          timeWindow:
            - duration: 4w
              isRolling: true
          budgetingMethod: Occurrences
          objectives:
            - target: {{target}}
          alertPolicies:
            - alertPolicyRef: page-on-fast-burn
        """;

    private static ApplyRequest Files(bool dryRun, params string[] documents) =>
        new() { Files = [new ApplyFile("openslo.yaml", string.Join("\n---\n", documents))], DryRun = dryRun };

    private static async Task<ApplyResponse> ApplyAsync(HttpClient client, ApplyRequest request) =>
        await (await client.PostJsonAsync("api/v1/apply", request)).ReadAsync<ApplyResponse>(HttpStatusCode.OK);

    [Theory, DatabaseData]
    public async Task OpenSloDocumentsApplyBesideUnyoOnesThenPlanNothing(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service, slo, sli) = (Names.Unique("team"), Names.Unique("svc"), Names.Unique("slo"), Names.Unique("sli"));
        var request = Files(true, Availability(service, slo, sli), Owner(team, service));

        var plan = await ApplyAsync(admin, request);
        var applied = await ApplyAsync(admin, request with { DryRun = false });
        var again = await ApplyAsync(admin, request with { DryRun = false });

        Assert.Equal([$"create Team {team}", $"create Service {service}", $"create SLI {sli}", $"create SLO {slo}"], plan.Changes.Select(c => $"{c.Action} {c.Kind} {c.Name}"));
        Assert.Equal(["openslo.yaml (document 3): notification target 'pager' ignored: Unyo routes burn-rate alerts by the SLO's service (alert routes and on-call)."], plan.Warnings);
        Assert.True(applied.Applied);
        Assert.All(again.Changes, c => Assert.Equal("unchanged", c.Action));
        var stored = await (await admin.GetAsync($"api/v1/slos/{slo}")).ReadAsync<SloResponse>(HttpStatusCode.OK);
        Assert.Equal(("apply", team, sli, 99.9m, "28d", "occurrences", "Checkout availability"),
            (stored.ManagedBy, stored.Team, stored.Sli, stored.Objective, stored.Window, stored.Budgeting, stored.DisplayName));
        HttpAssertions.SameJson<IReadOnlyList<SloAlertRule>>([new SloAlertRule { Severity = "page", LongWindow = "1h", ShortWindow = "5m", BudgetConsumed = 2m }], stored.AlertRules);
        var storedSli = await (await admin.GetAsync($"api/v1/slis/{sli}")).ReadAsync<SliResponse>(HttpStatusCode.OK);
        Assert.Equal(("prometheus", service, "http://prometheus.internal:9090"), (storedSli.Source, storedSli.Service, storedSli.Prometheus?.Url));
        Assert.Equal("sum(increase(http_requests_total{job=\"checkout\"}[{{window}}]))", storedSli.Prometheus?.Total);
    }

    [Theory, DatabaseData]
    public async Task ErrorsOfTheSloAndSliRulesPointIntoTheOpenSloFilesAndNothingIsWritten(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service, slo, sli) = (Names.Unique("team"), Names.Unique("svc"), Names.Unique("slo"), Names.Unique("sli"));

        var unknownService = await (await admin.PostJsonAsync("api/v1/apply", Files(false, Availability("no-such-service", slo, sli)))).ProblemAsync(HttpStatusCode.BadRequest);
        var invalid = await (await admin.PostJsonAsync("api/v1/apply", Files(false, Availability(service, slo, sli, target: "0.999999999", after: "2h"), Owner(team, service))))
            .ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["service 'no-such-service' does not exist (and is not in the files, or is being pruned)."], unknownService["openslo.yaml (document 4, line 42): spec.service"]);
        invalid.AssertField("openslo.yaml (document 4, line 64): spec.objectives[0].target", "has more than 6 decimals");
        invalid.AssertField("openslo.yaml (document 2, line 21): spec.condition.alertAfter", "2h must be shorter than the long window (1h)");
        await (await admin.GetAsync($"api/v1/slos/{slo}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"api/v1/slis/{sli}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"api/v1/services/{service}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory, DatabaseData]
    public async Task AnOpenSloExportReappliesToAnEmptyPlan(string provider)
    {
        var app = await servers.GetIsolatedAsync(provider, "openslo-export");
        using var admin = app.Admin();
        var (team, service) = (Names.Unique("team"), Names.Unique("svc"));
        await ApplyAsync(admin, Files(false, Owner(team, service), $$$"""
            apiVersion: unyo.dev/v1
            kind: SLI
            metadata:
              name: checkout-latency
            spec:
              service: {{{service}}}
              description: Checkout answered within 300 ms.
              kind: latency
              latencyThresholdMs: 300
            ---
            apiVersion: unyo.dev/v1
            kind: SLI
            metadata:
              name: checkout-requests
            spec:
              service: {{{service}}}
              source: otlp
              otlp:
                total: {metric: http.server.request.duration, attributes: {service.name: checkout}}
                good: {metric: http.server.request.duration, attributes: {service.name: checkout}, excludeAttributes: {http.response.status_code: ["5*"]}}
            ---
            apiVersion: unyo.dev/v1
            kind: SLI
            metadata:
              name: search-errors
            spec:
              service: {{{service}}}
              source: prometheus
              prometheus:
                url: http://prometheus:9090
                errorRatio: sum(rate(errors[{{window}}])) / sum(rate(requests[{{window}}]))
            ---
            apiVersion: unyo.dev/v1
            kind: SLO
            metadata:
              name: checkout-fast
            spec:
              service: {{{service}}}
              sli: checkout-latency
              displayName: Checkout is fast for the people who pay us, every single time, in every country
              objective: 99.9
              calendar: month
              timeZone: Europe/Berlin
              budgeting: timeslices
              timeSliceTarget: 95
              timeSliceWindow: 5m
              alertRules:
                - {severity: page, longWindow: 1h, shortWindow: 5m, budgetConsumed: 2}
                - {severity: ticket, longWindow: 3d, shortWindow: 6h, budgetConsumed: 10}
            ---
            apiVersion: unyo.dev/v1
            kind: SLO
            metadata:
              name: checkout-available
            spec:
              service: {{{service}}}
              sli: checkout-requests
              objective: 99.95
              window: 28d
            ---
            apiVersion: unyo.dev/v1
            kind: SLO
            metadata:
              name: search-available
            spec:
              service: {{{service}}}
              sli: search-errors
              objective: 99.5
              window: 7d
              alertRules:
                - {severity: ticket, longWindow: 90m, shortWindow: 10m, budgetConsumed: 0.5}
            """));

        var yaml = await admin.GetStringAsync("api/v1/export?format=openslo");
        var plan = await ApplyAsync(admin, new ApplyRequest { Files = [new ApplyFile("export.yaml", yaml)], DryRun = true, Prune = true });
        var badFormat = await (await admin.GetAsync("api/v1/export?format=sloth")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.StartsWith("---\napiVersion: openslo/v1\nkind: DataSource\nmetadata:\n  name: prometheus-9090\n", yaml);
        Assert.DoesNotContain("unyo.dev/v1", yaml);
        Assert.DoesNotContain("kind: Service", yaml);
        Assert.Contains("unyo.dev/display-name: Checkout is fast for the people who pay us", yaml);
        Assert.Equal(["SLI checkout-latency", "SLI checkout-requests", "SLI search-errors", "SLO checkout-available", "SLO checkout-fast", "SLO search-available"],
            plan.Changes.Select(c => $"{c.Kind} {c.Name}"));
        Assert.All(plan.Changes, c => Assert.Equal("unchanged", c.Action));
        Assert.Empty(plan.Warnings);
        badFormat.AssertField("format", "'sloth' must be yaml");
    }

    [Theory, DatabaseData]
    public async Task TheCliExportsOpenSloThatAppliesBackToNothing(string provider)
    {
        var app = await servers.GetIsolatedAsync(provider, "openslo-cli");
        using var admin = app.Admin();
        var (team, service, slo, sli) = (Names.Unique("team"), Names.Unique("svc"), Names.Unique("slo"), Names.Unique("sli"));
        await ApplyAsync(admin, Files(false, Availability(service, slo, sli), Owner(team, service)));
        string[] connection = ["--server", app.Address.ToString(), "--token", UnyoApp.AdminToken];

        var exported = await RunAsync("", ["export", "--format", "openslo", .. connection]);
        var replan = await RunAsync(exported.Out, ["apply", "--dry-run", "-f", "-", .. connection]);
        var refused = await RunAsync("", ["export", "--format", "csv", .. connection]);

        Assert.Equal(0, exported.Exit);
        Assert.Contains($"kind: SLO\nmetadata:\n  name: {slo}\n", exported.Out);
        Assert.Equal((0, ""), (replan.Exit, replan.Err));
        Assert.Contains("0 to create, 0 to update, 0 to delete, 2 unchanged.", replan.Out);
        Assert.DoesNotContain("warning:", replan.Out);
        Assert.NotEqual(0, refused.Exit);
        Assert.Contains("--format csv: use yaml (the default) or openslo.", refused.Err);
    }

    private static async Task<(int Exit, string Out, string Err)> RunAsync(string stdin, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await UnyoCli.RunAsync(args, stdout, stderr, new StringReader(stdin));
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
