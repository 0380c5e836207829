using System.Net;
using Unyo.Client;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Slos;

/// Every field rule of SLIs and SLOs, over HTTP: the status, the field and the message.
public sealed class SloValidationTests(Servers servers)
{
    private static SloAlertRule Rule(string severity = "page", string longWindow = "1h", string shortWindow = "5m", decimal budget = 2) =>
        new() { Severity = severity, LongWindow = longWindow, ShortWindow = shortWindow, BudgetConsumed = budget };

    [Theory, DatabaseData]
    public async Task EverySliFieldRuleNamesItsFieldAndWritesNothing(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var name = Names.Unique("sli");
        var ok = new SliRequest { Name = name, Service = service };
        (SliRequest Request, string Field, string Message)[] cases =
        [
            (ok with { Name = null }, "name", "is required."),
            (ok with { Name = "Not_A_Slug" }, "name", "'Not_A_Slug' must be 2-63 lower-case"),
            (ok with { Service = null }, "service", "is required."),
            (ok with { Service = "Bad Service" }, "service", "'Bad Service' must be 2-63"),
            (ok with { Kind = "histogram" }, "kind", "'histogram' must be ratio or latency."),
            (ok with { Kind = "latency" }, "latencyThresholdMs", "is required for a latency SLI"),
            (ok with { Kind = "latency", LatencyThresholdMs = 0 }, "latencyThresholdMs", "must be between 1 and 600000 milliseconds."),
            (ok with { Kind = "latency", LatencyThresholdMs = 600_001 }, "latencyThresholdMs", "must be between 1 and 600000 milliseconds."),
            (ok with { Kind = "ratio", LatencyThresholdMs = 100 }, "latencyThresholdMs", "applies only to latency SLIs"),
            (ok with { LatencyThresholdMs = 100 }, "latencyThresholdMs", "applies only to latency SLIs"),
            (ok with { Source = "graphite" }, "source", "'graphite' must be native (POST /api/v1/sli-events), otlp (POST /v1/metrics), prometheus (PromQL read once a minute) or check"),
            (ok with { Source = "otlp" }, "otlp", "is required for source otlp: name the metrics that count good and total events"),
            (ok with { Source = "otlp", Kind = "latency", LatencyThresholdMs = 300 }, "otlp", "is required for source otlp: name the histogram"),
            (ok with { Source = "otlp", Otlp = new() { Good = Counter("ok") } }, "otlp.total", "is required: the metric whose increase counts all events."),
            (ok with { Source = "otlp", Otlp = new() { Good = Counter("ok"), Total = new() { Metric = "has space" } } }, "otlp.total.metric", "is required: the metric's name as sent"),
            (ok with { Source = "otlp", Otlp = new() { Good = Counter("ok"), Total = Counter("all"), Histogram = Counter("d") } }, "otlp.histogram", "applies only to latency SLIs"),
            (ok with { Source = "otlp", Kind = "latency", LatencyThresholdMs = 300, Otlp = new() { Good = Counter("ok"), Histogram = Counter("d") } }, "otlp.good", "applies only to ratio SLIs"),
            (ok with { Source = "otlp", Otlp = new() { Good = Counter("ok") with { ExcludeAttributes = new() { ["code"] = [] } }, Total = Counter("all") } }, "otlp.good.excludeAttributes.code", "needs at least one value to exclude."),
            (ok with { Otlp = new() { Good = Counter("ok"), Total = Counter("all") } }, "otlp", "applies only to SLIs with source otlp."),
            (ok with { Source = "prometheus" }, "prometheus", "is required for source prometheus"),
            (ok with { Source = "prometheus", Prometheus = Promql() with { Url = "ftp://prom" } }, "prometheus.url", "'ftp://prom' must be an absolute http(s) URL"),
            (ok with { Source = "prometheus", Prometheus = Promql() with { Url = null } }, "prometheus.url", "is required: the base URL"),
            (ok with { Source = "prometheus", Prometheus = Promql() with { Good = "sum(rate(ok_total[5m]))" } }, "prometheus.good", "must contain {{window}} where the range goes"),
            (ok with { Source = "prometheus", Prometheus = Promql() with { Total = null } }, "prometheus.total", "good and total are both required (or errorRatio instead of both)."),
            (ok with { Source = "prometheus", Prometheus = Promql() with { ErrorRatio = "sum(rate(e[{{window}}]))" } }, "prometheus.errorRatio", "is an alternative to good and total"),
            (ok with { Source = "prometheus", Prometheus = Promql() with { Good = new string('x', 4001) } }, "prometheus.good", "must be at most 4000 characters."),
            (ok with { Source = "prometheus", Kind = "latency", LatencyThresholdMs = 300, Prometheus = Promql() }, "kind", "a prometheus SLI is a ratio"),
            (ok with { Prometheus = Promql() }, "prometheus", "applies only to SLIs with source prometheus."),
            (ok with { Description = new string('d', 2001) }, "description", "must be at most 2000 characters."),
        ];

        foreach (var (request, field, message) in cases)
        {
            var errors = await (await admin.PostJsonAsync("api/v1/slis", request)).ProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(errors.ContainsKey(field), $"{field}: got {string.Join(", ", errors.Keys)}");
            Assert.Contains(message, errors[field][0]);
        }
        var unknownService = await (await admin.PostJsonAsync("api/v1/slis", ok with { Service = "no-such-service" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["service 'no-such-service' does not exist."], unknownService["service"]);
        await (await admin.GetAsync($"api/v1/slis/{name}")).ProblemAsync(HttpStatusCode.NotFound);
        var latency = await (await admin.PostJsonAsync("api/v1/slis", ok with { Kind = "latency", LatencyThresholdMs = 600_000 })).ReadAsync<SliResponse>(HttpStatusCode.Created);
        Assert.Equal(("latency", 600_000, "native"), (latency.Kind, latency.LatencyThresholdMs, latency.Source));
    }

    private static OtlpMetricSelector Counter(string metric) => new() { Metric = metric };

    private static SliPrometheusSource Promql() => new()
    {
        Url = "http://127.0.0.1:9090",
        Good = "sum(increase(requests_total{code!~\"5..\"}[{{window}}]))",
        Total = "sum(increase(requests_total[{{window}}]))",
    };

    [Theory, DatabaseData]
    public async Task SourceSettingsAreStoredCanonicallyAndReadBack(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var otlp = new SliOtlpSource
        {
            Good = new() { Metric = "http.server.request.duration", Attributes = new() { ["service.name"] = "checkout" }, ExcludeAttributes = new() { ["http.response.status_code"] = ["5*", "429"] } },
            Total = new() { Metric = "http.server.request.duration", Attributes = new() { ["service.name"] = "checkout" } },
        };
        var fromOtlp = await (await admin.PostJsonAsync("api/v1/slis", new SliRequest { Name = Names.Unique("sli"), Service = service, Source = "otlp", Otlp = otlp }))
            .ReadAsync<SliResponse>(HttpStatusCode.Created);
        Assert.Equal(("otlp", null), (fromOtlp.Source, fromOtlp.Prometheus));
        Assert.Equal(["429", "5*"], fromOtlp.Otlp!.Good!.ExcludeAttributes!["http.response.status_code"]);
        Assert.Equal("checkout", fromOtlp.Otlp.Total!.Attributes!["service.name"]);
        Assert.Null(fromOtlp.Otlp.Histogram);

        var promql = Promql() with { Url = "http://127.0.0.1:9090/" };
        var fromPrometheus = await (await admin.PostJsonAsync("api/v1/slis", new SliRequest { Name = Names.Unique("sli"), Service = service, Source = "prometheus", Prometheus = promql }))
            .ReadAsync<SliResponse>(HttpStatusCode.Created);
        Assert.Equal(("prometheus", "http://127.0.0.1:9090", promql.Good, null), (fromPrometheus.Source, fromPrometheus.Prometheus!.Url, fromPrometheus.Prometheus.Good, fromPrometheus.Prometheus.ErrorRatio));

        // Native ingest refuses an SLI fed by another source, naming it.
        var refused = await (await admin.PostJsonAsync("api/v1/sli-events", new { events = new[] { new { sli = fromPrometheus.Name, timestamp = TimeProvider.System.GetUtcNow().AddMinutes(-1), ok = true } } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal([$"SLI '{fromPrometheus.Name}' takes its data from prometheus, not from this endpoint."], refused["events[0].sli"]);
    }

    [Theory, DatabaseData]
    public async Task EverySloFieldRuleNamesItsFieldAndWritesNothing(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var sli = await SloTestKit.CreateSliAsync(admin, service);
        var name = Names.Unique("slo");
        var ok = SloTestKit.Slo(name, service, sli);
        var calendar = ok with { Window = null, Calendar = "month" };
        var slices = ok with { Budgeting = "timeslices", TimeSliceTarget = 95, TimeSliceWindow = "5m" };
        (SloRequest Request, string Field, string Message)[] cases =
        [
            (ok with { Name = "UPPER" }, "name", "'UPPER' must be 2-63"),
            (ok with { Service = null }, "service", "is required."),
            (ok with { Sli = null }, "sli", "is required."),
            (ok with { DisplayName = new string('x', 201) }, "displayName", "must be at most 200 characters."),
            (ok with { Description = new string('x', 2001) }, "description", "must be at most 2000 characters."),
            (ok with { Objective = null }, "objective", "is required"),
            (ok with { Objective = 0 }, "objective", "must be strictly between 0 and 100"),
            (ok with { Objective = 100 }, "objective", "must be strictly between 0 and 100 (percent): 100 leaves no error budget."),
            (ok with { Objective = -5 }, "objective", "must be strictly between 0 and 100"),
            (ok with { Objective = 99.9999999m }, "objective", "99.9999999 has more than 6 decimals."),
            (ok with { Window = null }, "window", "is required: a rolling window such as 30d"),
            (ok with { Calendar = "month" }, "window", "give either window (rolling, such as 30d) or calendar"),
            (ok with { Window = "0d" }, "window", "'0d' must be whole days or weeks from 1d to 90d"),
            (ok with { Window = "91d" }, "window", "'91d' must be whole days or weeks from 1d to 90d"),
            (ok with { Window = "13w" }, "window", "'13w' must be whole days or weeks"),
            (ok with { Window = "720h" }, "window", "'720h' must be whole days or weeks"),
            (ok with { Window = "thirty days" }, "window", "must be whole days or weeks"),
            (ok with { TimeZone = "Europe/Berlin" }, "timeZone", "applies only to calendar windows"),
            (calendar with { Calendar = "year" }, "calendar", "'year' must be week, month or quarter."),
            (calendar with { TimeZone = "Mars/Olympus_Mons" }, "timeZone", "'Mars/Olympus_Mons' is not an IANA time zone"),
            (ok with { Budgeting = "events" }, "budgeting", "'events' must be occurrences or timeslices."),
            (ok with { TimeSliceTarget = 95 }, "timeSliceTarget", "applies only to budgeting: timeslices."),
            (ok with { TimeSliceWindow = "5m" }, "timeSliceWindow", "applies only to budgeting: timeslices."),
            (slices with { TimeSliceTarget = null }, "timeSliceTarget", "is required with timeslices"),
            (slices with { TimeSliceTarget = 0 }, "timeSliceTarget", "must be above 0 and at most 100"),
            (slices with { TimeSliceTarget = 100.5m }, "timeSliceTarget", "must be above 0 and at most 100"),
            (slices with { TimeSliceWindow = null }, "timeSliceWindow", "is required with timeslices"),
            (slices with { TimeSliceWindow = "61m" }, "timeSliceWindow", "'61m' must be whole minutes from 1m to 60m"),
            (slices with { TimeSliceWindow = "1h" }, "timeSliceWindow", "'1h' must be whole minutes from 1m to 60m"),
            (slices with { TimeSliceWindow = "0m" }, "timeSliceWindow", "'0m' must be whole minutes"),
            (ok with { AlertRules = [Rule(severity: "sms")] }, "alertRules[0].severity", "'sms' must be page or ticket."),
            (ok with { AlertRules = [Rule() with { Severity = null }] }, "alertRules[0].severity", "is required: page or ticket."),
            (ok with { AlertRules = [Rule(), Rule(longWindow: "soon")] }, "alertRules[1].longWindow", "'soon' must be a whole number of minutes, hours, days or weeks"),
            (ok with { AlertRules = [Rule() with { ShortWindow = null }] }, "alertRules[0].shortWindow", "is required"),
            (ok with { AlertRules = [Rule(longWindow: "1h", shortWindow: "1h")] }, "alertRules[0].shortWindow", "1h must be shorter than the long window (1h)"),
            (ok with { AlertRules = [Rule(longWindow: "31d", shortWindow: "1d")] }, "alertRules[0].longWindow", "31d is longer than the SLO window (30d)."),
            (calendar with { AlertRules = [Rule(longWindow: "29d", shortWindow: "1d")] }, "alertRules[0].longWindow", "29d is longer than the SLO window (28d, the shortest month)."),
            (ok with { AlertRules = [Rule(budget: 0)] }, "alertRules[0].budgetConsumed", "must be above 0 and at most 100"),
            (ok with { AlertRules = [Rule(budget: 101)] }, "alertRules[0].budgetConsumed", "must be above 0 and at most 100"),
            (ok with { AlertRules = [Rule() with { BudgetConsumed = null }] }, "alertRules[0].budgetConsumed", "is required"),
            (ok with { AlertRules = [.. Enumerable.Repeat(Rule(), 11)] }, "alertRules", "must hold at most 10 rules."),
        ];

        foreach (var (request, field, message) in cases)
        {
            var errors = await (await admin.PostJsonAsync("api/v1/slos", request)).ProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(errors.ContainsKey(field), $"{field} ({message}): got {string.Join(", ", errors.Select(e => $"{e.Key}: {e.Value[0]}"))}");
            Assert.Contains(message, errors[field][0]);
        }
        await (await admin.GetAsync($"api/v1/slos/{name}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory, DatabaseData]
    public async Task AnSloNeedsAnExistingSliOfItsOwnService(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var (_, other) = await SloTestKit.CreateServiceAsync(admin, team);
        var foreignSli = await SloTestKit.CreateSliAsync(admin, other);
        var name = Names.Unique("slo");

        var unknownSli = await (await admin.PostJsonAsync("api/v1/slos", SloTestKit.Slo(name, service, "no-such-sli"))).ProblemAsync(HttpStatusCode.BadRequest);
        var unknownService = await (await admin.PostJsonAsync("api/v1/slos", SloTestKit.Slo(name, "no-such-service", foreignSli))).ProblemAsync(HttpStatusCode.BadRequest);
        var crossed = await (await admin.PostJsonAsync("api/v1/slos", SloTestKit.Slo(name, service, foreignSli))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["SLI 'no-such-sli' does not exist."], unknownSli["sli"]);
        Assert.Equal(["service 'no-such-service' does not exist."], unknownService["service"]);
        Assert.StartsWith($"SLI '{foreignSli}' measures service '{other}', not '{service}': an SLO judges an indicator of its own service", crossed["sli"][0]);
        await (await admin.GetAsync($"api/v1/slos/{name}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory, DatabaseData]
    public async Task ValidWindowsAndBudgetingReadBackCanonically(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var sli = await SloTestKit.CreateSliAsync(admin, service);

        var weeks = await (await admin.PostJsonAsync("api/v1/slos", SloTestKit.Slo(Names.Unique("weeks"), service, sli) with { Window = "4w", Objective = 99.950000m })).ReadAsync<SloResponse>(HttpStatusCode.Created);
        var quarter = await (await admin.PostJsonAsync("api/v1/slos", SloTestKit.Slo(Names.Unique("quarter"), service, sli) with
        {
            Window = null,
            Calendar = "quarter",
            TimeZone = "Europe/Berlin",
            Budgeting = "timeslices",
            TimeSliceTarget = 95,
            TimeSliceWindow = "5m",
            Objective = 99.999999m,
            AlertRules = [Rule(longWindow: "90d", shortWindow: "60m", budget: 100)],
        })).ReadAsync<SloResponse>(HttpStatusCode.Created);

        Assert.Equal(("28d", null, null, "occurrences", 99.95m), (weeks.Window, weeks.Calendar, weeks.TimeZone, weeks.Budgeting, weeks.Objective));
        Assert.Equal((null, "quarter", "Europe/Berlin", "timeslices", 95m, "5m", 99.999999m), (quarter.Window, quarter.Calendar, quarter.TimeZone, quarter.Budgeting, quarter.TimeSliceTarget, quarter.TimeSliceWindow, quarter.Objective));
        var rule = Assert.Single(quarter.AlertRules);
        Assert.Equal(("page", "90d", "1h", 100m), (rule.Severity, rule.LongWindow, rule.ShortWindow, rule.BudgetConsumed));
    }
}
