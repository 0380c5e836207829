using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;
using Unyo.Client;
using Unyo.Features.Slos;
using Unyo.Features.Slos.Sla;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Slos;

// The SLA report endpoints: the organisation's month, CSV, content negotiation and bad input.
public sealed class SlaReportApiTests(Servers servers)
{
    private static readonly DateTimeOffset May = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory, DatabaseData]
    public async Task TheOrganisationsMonthListsEverySloFromItsRecordByServiceAndCanBeLimitedToOne(string provider)
    {
        var clock = new FakeTimeProvider(May.AddDays(20));
        var app = await SloClock.ServerAsync(servers, provider, clock);
        var met = await SloClock.SloAsync(app, clock, "zeta-met");
        var missed = await SloClock.SloAsync(app, clock, "alpha-missed", configure: s => (s.RollingDays, s.CalendarPeriod, s.TimeZone) = (null, CalendarPeriod.Month, "America/New_York"));
        await SloClock.TrafficAsync(app, met.SliId, May.AddDays(3), 60, errorRatio: 0);
        await SloClock.TrafficAsync(app, missed.SliId, May.AddDays(3), 60, errorRatio: 0.01);
        // Before the SLOs were created: of those counted, only the one whose SLI had data then is in April's report.
        await SloClock.TrafficAsync(app, met.SliId, May.AddDays(-20), 30, errorRatio: 0);
        await SloClock.CountMonthsAsync(app, clock.GetUtcNow());
        // Created after the count: listed, not counted yet.
        var late = await SloClock.SloAsync(app, clock, "mid-late");
        using var admin = app.Admin();

        var report = await (await admin.GetAsync("api/v1/sla-report?month=2026-05")).ReadAsync<OrganisationSlaReportResponse>(HttpStatusCode.OK);

        Assert.Equal(("2026-05", null), (report.Month, report.Service));
        Assert.Equal(["alpha-missed-svc", "mid-late-svc", "zeta-met-svc"], report.Slos.Select(r => r.Service));
        var (newYork, notCounted, utc) = (report.Slos[0], report.Slos[1], report.Slos[2]);
        Assert.Equal(("alpha-missed", "alpha-missed-team", "America/New_York", false, 59_400L, 60_000L), (newYork.Slo, newYork.Team, newYork.TimeZone, newYork.Figures.Met, newYork.Figures.Good, newYork.Figures.Total));
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 4, 0, 0, TimeSpan.Zero), newYork.Figures.Start);
        Assert.Equal(("record", false, May.AddDays(20)), (newYork.Figures.Source, newYork.Figures.Final, newYork.Figures.ComputedAt!.Value));
        Assert.Equal(("none", null, null, "UTC"), (notCounted.Figures.Source, notCounted.Figures.Met, notCounted.Figures.ComputedAt, notCounted.TimeZone));
        Assert.Equal((true, 100.0, 60L), (utc.Figures.Met, utc.Figures.AttainmentPercent, utc.Figures.MinutesWithData));
        Assert.Equal(new OrganisationSlaSummaryResponse(3, 1, 1, 1), report.Summary);

        var april = await (await admin.GetAsync("api/v1/sla-report?month=2026-04")).ReadAsync<OrganisationSlaReportResponse>(HttpStatusCode.OK);
        // alpha-missed's April record found no data; mid-late's April is not counted yet, and will be.
        Assert.Equal([("mid-late", "none", 0L), ("zeta-met", "record", 30_000L)], april.Slos.Select(r => (r.Slo, r.Figures.Source, r.Figures.Total)));
        Assert.Equal(new OrganisationSlaSummaryResponse(2, 1, 0, 1), april.Summary);
        // Long before any of them, with the minutes gone: nobody.
        Assert.Empty((await (await admin.GetAsync("api/v1/sla-report?month=2025-01")).ReadAsync<OrganisationSlaReportResponse>(HttpStatusCode.OK)).Slos);

        var one = await (await admin.GetAsync($"api/v1/sla-report?month=2026-05&service={late.Name}-svc")).ReadAsync<OrganisationSlaReportResponse>(HttpStatusCode.OK);
        Assert.Equal(("mid-late-svc", "mid-late"), (one.Service, Assert.Single(one.Slos).Slo));

        // The typed client reads the same.
        var client = new UnyoClient(admin);
        HttpAssertions.SameJson(report, await client.GetOrganisationSlaReportAsync("2026-05"));
        var csv = await client.GetOrganisationSlaReportCsvAsync("2026-05", "zeta-met-svc");
        Assert.StartsWith("zeta-met,zeta-met,zeta-met-svc,zeta-met-team,UTC,2026-05,", csv.Split("\r\n")[1], StringComparison.Ordinal);
        Assert.Equal(60_000, (await client.GetSlaReportAsync("zeta-met", "2026-05", "2026-05")).Months[0].Total);
        Assert.Equal(2, (await client.GetSlaReportCsvAsync("alpha-missed", "2026-04", "2026-05")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1);
        var refused = await Assert.ThrowsAsync<UnyoApiException>(() => client.GetSlaReportAsync("zeta-met", "2026-13"));
        Assert.Equal(400, refused.Status);
        Assert.Contains("from", refused.Errors.Keys);

        // Without a month: the current one in UTC.
        var current = await (await admin.GetAsync("api/v1/sla-report")).ReadAsync<OrganisationSlaReportResponse>(HttpStatusCode.OK);
        Assert.Equal("2026-05", current.Month);
        await (await admin.GetAsync("api/v1/sla-report?service=no-such-service")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory, DatabaseData]
    public async Task CsvHasAHeaderQuotesWhatNeedsItAndKeepsFormulasAsText(string provider)
    {
        var clock = new FakeTimeProvider(May.AddDays(40));
        var app = await SloClock.ServerAsync(servers, provider, clock);
        var slo = await SloClock.SloAsync(app, clock, Names.Unique("csv"), objective: 99.5, configure: s => s.DisplayName = "=Checkout, \"fast\"");
        await SloClock.TrafficAsync(app, slo.SliId, May.AddDays(1), 10, errorRatio: 0.004);
        using var admin = app.Admin();

        var response = await admin.GetAsync($"api/v1/slos/{slo.Name}/sla-report?from=2026-04&to=2026-05&format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal($"sla-{slo.Name}-2026-04-to-2026-05.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var text = await response.Content.ReadAsStringAsync();
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        var lines = text.Split("\r\n")[..^1];
        Assert.Equal(3, lines.Length);
        Assert.Equal(
            "slo,display_name,service,team,time_zone,month,start,end,unit,good,total,attainment_percent,objective_percent,met,budget_consumed_percent," +
            "minutes_with_data,minutes_in_month,minutes_elapsed,coverage_percent,final,computed_at,source",
            lines[0]);
        Assert.Equal($"{slo.Name},\"'=Checkout, \"\"fast\"\"\",{slo.Name}-svc,{slo.Name}-team,UTC,2026-04,2026-04-01T00:00:00Z,2026-05-01T00:00:00Z,events,0,0,,99.5,,,0,43200,43200,0,true,2026-06-10T00:00:00Z,minutes", lines[1]);
        // 40 bad of 10,000 at 99.5%: 99.6% attained, 80% of a 50-event budget spent.
        var coverage = (100.0 * 10 / 44_640).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"{slo.Name},\"'=Checkout, \"\"fast\"\"\",{slo.Name}-svc,{slo.Name}-team,UTC,2026-05,2026-05-01T00:00:00Z,2026-06-01T00:00:00Z,events,9960,10000,99.6,99.5,true,80,10,44640,44640,{coverage},true,2026-06-10T00:00:00Z,minutes", lines[2]);

        // The same through Accept; ?format=json wins over it.
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/slos/{slo.Name}/sla-report?from=2026-04&to=2026-05");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var accepted = await admin.SendAsync(request);
        Assert.Equal(text, await accepted.Content.ReadAsStringAsync());
        using var json = new HttpRequestMessage(HttpMethod.Get, $"api/v1/slos/{slo.Name}/sla-report?from=2026-04&to=2026-05&format=json");
        json.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var report = await (await admin.SendAsync(json)).ReadAsync<SlaReportResponse>(HttpStatusCode.OK);
        Assert.Equal("=Checkout, \"fast\"", report.DisplayName);

        var organisation = await admin.GetAsync("api/v1/sla-report?month=2026-05&format=csv");
        var rows = (await organisation.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Equal(lines[0], rows[0]);
        Assert.Equal("sla-2026-05.csv", organisation.Content.Headers.ContentDisposition?.FileNameStar ?? organisation.Content.Headers.ContentDisposition?.FileName);
        // The organisation's report reads records only, and none were counted yet.
        Assert.EndsWith(",false,,none", Assert.Single(rows, r => r.StartsWith(slo.Name, StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Theory, DatabaseData]
    public async Task BadMonthsRangesAndFormatsAreRefusedNamingTheField(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var sli = await SloTestKit.CreateSliAsync(admin, service);
        var name = Names.Unique("sla");
        (await admin.PostJsonAsync("api/v1/slos", SloTestKit.Slo(name, service, sli))).EnsureSuccessStatusCode();
        (string Query, string Field, string Message)[] cases =
        [
            ("from=2026-13", "from", "'2026-13' is not a month: write it as YYYY-MM"),
            ("from=2026-1", "from", "'2026-1' is not a month"),
            ("to=March", "to", "'March' is not a month"),
            ("to=1969-12", "to", "years 1970 to 9998"),
            ("from=2026-05&to=2026-03", "from", "2026-05 is after to (2026-03)."),
            ("from=9000-01", "from", "9000-01 has not begun: the current month is "),
            ("from=2023-01&to=2026-01", "from", "2023-01 to 2026-01 is 37 months; a report covers at most 36."),
            ("format=xml", "format", "'xml' is not a format: use json or csv."),
        ];

        foreach (var (query, field, message) in cases)
        {
            var errors = await (await admin.GetAsync($"api/v1/slos/{name}/sla-report?{query}")).ProblemAsync(HttpStatusCode.BadRequest);
            errors.AssertField(field, message);
        }
        (await (await admin.GetAsync("api/v1/sla-report?month=2026-3")).ProblemAsync(HttpStatusCode.BadRequest)).AssertField("month", "'2026-3' is not a month");
        (await (await admin.GetAsync("api/v1/sla-report?month=9000-01")).ProblemAsync(HttpStatusCode.BadRequest)).AssertField("month", "9000-01 has not begun");
        (await (await admin.GetAsync("api/v1/sla-report?format=pdf")).ProblemAsync(HttpStatusCode.BadRequest)).AssertField("format", "'pdf' is not a format");
        await (await admin.GetAsync("api/v1/slos/no-such-slo/sla-report")).ProblemAsync(HttpStatusCode.NotFound);

        // A range that ends after this month reports up to this month: "this year" works in January.
        var current = CalendarMonth.Containing(TimeProvider.System.GetUtcNow(), TimeZoneInfo.Utc).ToString();
        var thisYear = await (await admin.GetAsync($"api/v1/slos/{name}/sla-report?from={current[..4]}-01&to={current[..4]}-12")).ReadAsync<SlaReportResponse>(HttpStatusCode.OK);
        Assert.Equal(($"{current[..4]}-01", current), (thisYear.From, thisYear.To));

        // 36 months is the most, and the default is the last twelve.
        var longest = await (await admin.GetAsync($"api/v1/slos/{name}/sla-report?from=2023-01&to=2025-12")).ReadAsync<SlaReportResponse>(HttpStatusCode.OK);
        Assert.Equal(36, longest.Months.Count);
        var recent = await (await admin.GetAsync($"api/v1/slos/{name}/sla-report")).ReadAsync<SlaReportResponse>(HttpStatusCode.OK);
        Assert.Equal(12, recent.Months.Count);
        Assert.Equal(CurrentMonth(), recent.To);
    }

    private static string CurrentMonth() => TimeProvider.System.GetUtcNow().ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}
