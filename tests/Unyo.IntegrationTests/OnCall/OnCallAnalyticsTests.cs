using System.Net;
using System.Net.Http.Json;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.IntegrationTests.Infrastructure;
using static Unyo.Features.Alerts.AlertTimelineKind;

namespace Unyo.IntegrationTests.OnCall;

// One team's month, written into the database at known instants: a page at 14:00 UTC on a
// Tuesday is 23:00 in Tokyo (night, off hours) and 14:00 in London (working); a page at 03:00 UTC
// is night in London and lunch in Tokyo; a Saturday page is off hours for someone on the default
// profile (mon–fri 09–17 UTC). Another team's page must never show through the team filter.
public sealed class OnCallAnalyticsTests(Servers servers)
{
    private static readonly DateTimeOffset Tuesday14 = new(2026, 3, 10, 14, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Wednesday03 = new(2026, 3, 11, 3, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Saturday10 = new(2026, 3, 14, 10, 0, 0, TimeSpan.Zero);
    private const string Period = "from=2026-03-01&to=2026-04-01";

    private sealed record World(UnyoApp App, string Team, string Disk, string Api, string Tokyo, string London, string Plain);

    private async Task<World> SeedAsync(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var team = Names.Unique("pager");
        var other = Names.Unique("elsewhere");
        (await admin.PostJsonAsync("api/v1/teams", new TeamRequest { Name = team })).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync("api/v1/teams", new TeamRequest { Name = other })).EnsureSuccessStatusCode();
        var (disk, api) = (Names.Unique("storage"), Names.Unique("api"));
        var storage = await AnalyticsKit.ServiceAsync(app, team, disk);
        var gateway = await AnalyticsKit.ServiceAsync(app, team, api);
        var foreign = await AnalyticsKit.ServiceAsync(app, other, Names.Unique("foreign"));
        var tokyo = await app.CreateUserAsync(OrgRole.Member, team);
        var london = await app.CreateUserAsync(OrgRole.Member, team);
        var plain = await app.CreateUserAsync(OrgRole.Member, team);
        (await app.Client(tokyo.Token).PutAsJsonAsync("api/v1/users/me/oncall-profile", new OnCallProfileRequest { TimeZone = "Asia/Tokyo" })).EnsureSuccessStatusCode();
        (await app.Client(london.Token).PutAsJsonAsync("api/v1/users/me/oncall-profile", new OnCallProfileRequest { TimeZone = "Europe/London", WorkFrom = "09:00", WorkTo = "17:30" })).EnsureSuccessStatusCode();

        // disk/1: both paged at once; acknowledged after 5 minutes, a note, resolved after 65.
        await AnalyticsKit.AlertAsync(app, storage, "disk", Tuesday14.AddMinutes(-2), [(tokyo.Id, Tuesday14), (london.Id, Tuesday14)],
            (Acknowledged, 7, london.Email), (Note, 10, london.Email), (Resolved, 67, london.Email));
        // disk/2: London at night; acknowledged after a minute, resolved after two with nothing done between.
        await AnalyticsKit.AlertAsync(app, storage, "disk", Wednesday03, [(london.Id, Wednesday03)],
            (Acknowledged, 1, london.Email), (Resolved, 2, london.Email));
        // cpu: never paged; Unyo resolved it after 30 minutes of quiet.
        await AnalyticsKit.AlertAsync(app, storage, "cpu", Wednesday03.AddHours(1), [], (AutoResolved, 30, "unyo"));
        // latency: a Saturday page; snoozed between the acknowledgement and the resolution.
        await AnalyticsKit.AlertAsync(app, gateway, "latency", Saturday10, [(plain.Id, Saturday10)],
            (Acknowledged, 3, plain.Email), (Snoozed, 4, plain.Email), (Resolved, 20, plain.Email));
        // Another team's alert paging the Tokyo person: outside every team-filtered answer here.
        await AnalyticsKit.AlertAsync(app, foreign, "disk", Tuesday14, [(tokyo.Id, Tuesday14.AddHours(1))]);
        return new World(app, team, disk, api, tokyo.Email, london.Email, plain.Email);
    }

    [Theory, DatabaseData]
    public async Task TheSameInstantIsANightPageInTokyoAndAWorkingHourInLondon(string provider)
    {
        var w = await SeedAsync(provider);

        var report = await (await w.App.Admin().GetAsync($"api/v1/oncall/analytics?{Period}&team={w.Team}")).ReadAsync<OnCallAnalyticsResponse>(HttpStatusCode.OK);

        Assert.Equal([w.London, .. new[] { w.Plain, w.Tokyo }.Order(StringComparer.Ordinal)], report.People.Select(p => p.Email));
        var people = report.People.ToDictionary(p => p.Email);
        Assert.Equal(("Asia/Tokyo", 1, 1, 1), (people[w.Tokyo].TimeZone, people[w.Tokyo].Pages, people[w.Tokyo].OffHoursPages, people[w.Tokyo].NightPages));
        Assert.Equal(("Europe/London", 2, 1, 1), (people[w.London].TimeZone, people[w.London].Pages, people[w.London].OffHoursPages, people[w.London].NightPages));
        Assert.Equal(("UTC", 1, 1, 0), (people[w.Plain].TimeZone, people[w.Plain].Pages, people[w.Plain].OffHoursPages, people[w.Plain].NightPages));
        // From the first page: disk/1 acknowledged after 300 s and resolved after 3900 s; disk/2 after 60 s and 120 s.
        Assert.Equal(new ResponseTimes(1, 300, 300, 3900, 3900), people[w.Tokyo].Times);
        Assert.Equal(new ResponseTimes(2, 180, 276, 2010, 3522), people[w.London].Times);
        Assert.Equal(new ResponseTimes(1, 180, 180, 1200, 1200), people[w.Plain].Times);
        var team = Assert.Single(report.Teams);
        Assert.Equal((w.Team, 4, 3, 2, 3), (team.Team, team.Pages, team.OffHoursPages, team.NightPages, team.PeoplePaged));
        Assert.Equal(new ResponseTimes(3, 180, 276, 1200, 3360), team.Times);
    }

    [Theory, DatabaseData]
    public async Task TheNoisiestAlertsComeFirstWithTheirAutoResolveAndIdleAcknowledgementRates(string provider)
    {
        var w = await SeedAsync(provider);

        var report = await (await w.App.Admin().GetAsync($"api/v1/oncall/analytics?{Period}&team={w.Team}")).ReadAsync<OnCallAnalyticsResponse>(HttpStatusCode.OK);

        Assert.Equal([(w.Disk, "disk"), (w.Api, "latency"), (w.Disk, "cpu")], report.Noisy.Select(n => (n.Service, n.DedupKey)));
        Assert.Equal(new NoisyAlertResponse(w.Disk, "disk", "disk is unhappy", 2, 3, 0, 0.5, (4020 + 120) / 2.0), report.Noisy[0]);
        Assert.Equal(new NoisyAlertResponse(w.Api, "latency", "latency is unhappy", 1, 1, 0, 0, 1200), report.Noisy[1]);
        Assert.Equal(new NoisyAlertResponse(w.Disk, "cpu", "cpu is unhappy", 1, 0, 1, 0, 1800), report.Noisy[2]);
    }

    [Theory, DatabaseData]
    public async Task AServiceFilterAndAPeriodLeaveOutWhatTheyDoNotCover(string provider)
    {
        var w = await SeedAsync(provider);
        using var admin = w.App.Admin();

        var api = await (await admin.GetAsync($"api/v1/oncall/analytics?{Period}&service={w.Api}")).ReadAsync<OnCallAnalyticsResponse>(HttpStatusCode.OK);
        // The first half of the Tuesday only: disk/1's pages, nothing after.
        var tuesday = await (await admin.GetAsync($"api/v1/oncall/analytics?from=2026-03-10T00:00:00Z&to=2026-03-10T14:30:00%2B00:00&team={w.Team}"))
            .ReadAsync<OnCallAnalyticsResponse>(HttpStatusCode.OK);

        Assert.Equal((w.Api, (string?)null), (api.Service, api.Team));
        Assert.Equal([w.Plain], api.People.Select(p => p.Email));
        Assert.Equal(["latency"], api.Noisy.Select(n => n.DedupKey));
        Assert.Equal(new[] { w.London, w.Tokyo }.Order(StringComparer.Ordinal), tuesday.People.Select(p => p.Email).Order(StringComparer.Ordinal));
        Assert.All(tuesday.People, p => Assert.Equal(1, p.Pages));
        Assert.Equal((new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 10, 14, 30, 0, TimeSpan.Zero)), (tuesday.From, tuesday.To));
    }

    [Theory, DatabaseData]
    public async Task EachTableDownloadsAsCsvWithAHeaderAndOneRowPerLine(string provider)
    {
        var w = await SeedAsync(provider);
        using var admin = w.App.Admin();

        var people = await admin.GetAsync($"api/v1/oncall/analytics?{Period}&team={w.Team}&format=csv&table=people");
        var noisy = await (await admin.GetAsync($"api/v1/oncall/analytics?{Period}&team={w.Team}&format=csv&table=noisy")).Content.ReadAsStringAsync();
        var teams = await (await admin.GetAsync($"api/v1/oncall/analytics?{Period}&team={w.Team}&format=csv&table=teams")).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, people.StatusCode);
        Assert.Equal("text/csv", people.Content.Headers.ContentType?.MediaType);
        Assert.Equal("oncall-people-20260301-20260401.csv", people.Content.Headers.ContentDisposition?.FileNameStar ?? people.Content.Headers.ContentDisposition?.FileName);
        var lines = (await people.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Equal("email,display_name,time_zone,pages,off_hours_pages,night_pages,alerts,median_ack_seconds,p90_ack_seconds,median_resolve_seconds,p90_resolve_seconds", lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.Equal("", lines[^1]);
        Assert.Equal($"{w.London},{w.London},Europe/London,2,1,1,2,180,276,2010,3522", lines[1]);
        Assert.Contains($"{w.Tokyo},{w.Tokyo},Asia/Tokyo,1,1,1,1,300,300,3900,3900", lines);
        Assert.Equal(["service,dedup_key,summary,alerts,pages,auto_resolve_rate,ack_without_action_rate,mean_resolve_seconds",
            $"{w.Disk},disk,disk is unhappy,2,3,0,0.5,2070", $"{w.Api},latency,latency is unhappy,1,1,0,0,1200", $"{w.Disk},cpu,cpu is unhappy,1,0,1,0,1800", ""], noisy.Split("\r\n"));
        Assert.Equal(["team,pages,off_hours_pages,night_pages,people_paged,alerts,median_ack_seconds,p90_ack_seconds,median_resolve_seconds,p90_resolve_seconds",
            $"{w.Team},4,3,2,3,3,180,276,1200,3360", ""], teams.Split("\r\n"));
    }

    [Theory, DatabaseData]
    public async Task BadPeriodsFiltersAndFormatsAreRefusedFieldByField(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var viewer = app.Client((await app.CreateUserAsync(OrgRole.Viewer)).Token);

        var backwards = await (await viewer.GetAsync("api/v1/oncall/analytics?from=2026-03-10&to=2026-03-01")).ProblemAsync(HttpStatusCode.BadRequest);
        var tooLong = await (await viewer.GetAsync("api/v1/oncall/analytics?from=2025-01-01&to=2026-03-01")).ProblemAsync(HttpStatusCode.BadRequest);
        var unknown = await (await viewer.GetAsync("api/v1/oncall/analytics?team=no-such-team&service=no-such-service&from=yesterday")).ProblemAsync(HttpStatusCode.BadRequest);
        var csv = await (await viewer.GetAsync("api/v1/oncall/analytics?format=csv&table=everything")).ProblemAsync(HttpStatusCode.BadRequest);
        var format = await (await viewer.GetAsync("api/v1/oncall/analytics?format=xml")).ProblemAsync(HttpStatusCode.BadRequest);
        var fine = await viewer.GetAsync("api/v1/oncall/analytics");

        backwards.AssertField("to", "must be after from");
        tooLong.AssertField("to", "at most 366 days");
        unknown.AssertField("team", "no team is named 'no-such-team'");
        unknown.AssertField("service", "no service is named 'no-such-service'");
        unknown.AssertField("from", "'yesterday' is not an RFC 3339 instant");
        csv.AssertField("table", "people, teams, noisy");
        format.AssertField("format", "'xml' is not json or csv");
        var report = await fine.ReadAsync<OnCallAnalyticsResponse>(HttpStatusCode.OK);
        Assert.Equal(TimeSpan.FromDays(30), report.To - report.From);
    }
}
