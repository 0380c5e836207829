using System.Net;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.OnCall;

namespace Unyo.IntegrationTests.Incidents;

// One team's March: two checkout incidents that look alike (and a third like them in January),
// a slow search still open, a private incident only another team may see, a merged duplicate
// and another team's incident. The team filter keeps other tests' incidents out of the sums.
public sealed class IncidentLearningTests(Servers servers)
{
    private static readonly DateTimeOffset March2 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private const string Period = "from=2026-03-01&to=2026-04-01";

    private sealed record World(UnyoApp App, string Team, string Checkout, string Search, string MemberToken, long First, long Again, long January, long Secret);

    private async Task<World> SeedAsync(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, other) = (Names.Unique("shop"), Names.Unique("security"));
        (await admin.PostJsonAsync("api/v1/teams", new TeamRequest { Name = team })).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync("api/v1/teams", new TeamRequest { Name = other })).EnsureSuccessStatusCode();
        var (checkoutName, searchName) = (Names.Unique("checkout"), Names.Unique("search"));
        var checkout = await AnalyticsKit.ServiceAsync(app, team, checkoutName);
        var search = await AnalyticsKit.ServiceAsync(app, team, searchName);
        var vault = await AnalyticsKit.ServiceAsync(app, other, Names.Unique("vault"));
        var otherTeamId = app.WithDb(db => db.Teams.Single(t => t.Name == other).Id);
        var member = await app.CreateUserAsync(OrgRole.Member, team);

        var first = await IncidentRows.AddAsync(app, "Checkout returns 500s", 2, March2, [checkout], ackMinutes: 5, mitigateMinutes: 20, resolveMinutes: 60);
        var again = await IncidentRows.AddAsync(app, "Checkout returns 500s again", 1, March2.AddDays(18), [checkout], ackMinutes: 15, resolveMinutes: 120);
        await IncidentRows.AddAsync(app, "Search slow", 3, March2.AddDays(8), [search], ackMinutes: 10);
        var secret = await IncidentRows.AddAsync(app, "Leaked credentials", 1, March2.AddDays(9), [checkout], ackMinutes: 1, resolveMinutes: 2, isPrivate: true, viewers: [otherTeamId]);
        await IncidentRows.AddAsync(app, "Checkout 500s", 2, March2, [checkout], ackMinutes: 1, resolveMinutes: 1, mergedInto: first);
        await IncidentRows.AddAsync(app, "Vault sealed", 2, March2.AddDays(3), [vault], ackMinutes: 1, resolveMinutes: 1);
        var january = await IncidentRows.AddAsync(app, "Checkout returns 500s", 2, new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero), [checkout], ackMinutes: 3, resolveMinutes: 30);
        return new World(app, team, checkoutName, searchName, member.Token, first, again, january, secret);
    }

    [Theory, DatabaseData]
    public async Task MttaAndMttrCountEachVisibleIncidentOnceFromDetection(string provider)
    {
        var w = await SeedAsync(provider);

        var report = await (await w.App.Client(w.MemberToken).GetAsync($"api/v1/incidents/learning?{Period}&team={w.Team}")).ReadAsync<IncidentLearningResponse>(HttpStatusCode.OK);

        // The merged duplicate, the private incident and the other team's are not counted; January only feeds recurrence.
        Assert.Equal(new IncidentTimes(3, 1, 1, 1, 0, 600, 600, 1200, 5400, 5400, 1), report.Overall);
        Assert.Equal([(w.Checkout, 2), (w.Search, 1)], report.Services.Select(s => (s.Service, s.Times.Incidents)));
        Assert.Equal([(1, 1), (2, 1), (3, 1)], report.Severities.Select(s => (s.Severity, s.Times.Incidents)));
        Assert.Equal("week", report.Bucket);
        Assert.Equal(new DateTimeOffset(2026, 2, 23, 0, 0, 0, TimeSpan.Zero), report.Trend[0].Start);
        Assert.Equal([0, 1, 1, 1, 0, 0], report.Trend.Select(p => p.Times.Incidents));
        var recurring = Assert.Single(report.Recurring);
        Assert.Equal(w.Checkout, recurring.Service);
        Assert.Equal([w.January, w.First, w.Again], recurring.Incidents.Select(i => i.Id));
    }

    [Theory, DatabaseData]
    public async Task AdminsCountPrivateIncidentsAndNobodyElseSeesThem(string provider)
    {
        var w = await SeedAsync(provider);

        var report = await (await w.App.Admin().GetAsync($"api/v1/incidents/learning?{Period}&team={w.Team}&bucket=month")).ReadAsync<IncidentLearningResponse>(HttpStatusCode.OK);
        var similarForMember = await (await w.App.Client(w.MemberToken).GetAsync($"api/v1/incidents/{w.Again}/similar")).ReadAsync<List<IncidentReference>>(HttpStatusCode.OK);
        var similarOfSecret = await w.App.Client(w.MemberToken).GetAsync($"api/v1/incidents/{w.Secret}/similar");

        Assert.Equal((4, 2), (report.Overall.Incidents, report.Overall.Sev1));
        Assert.Equal([new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)], report.Trend.Select(p => p.Start));
        Assert.Equal([w.First, w.January], similarForMember.Select(i => i.Id));
        await similarOfSecret.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory, DatabaseData]
    public async Task BadPeriodsAndBucketsAreNamed(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();

        var bucket = await (await admin.GetAsync("api/v1/incidents/learning?bucket=day")).ProblemAsync(HttpStatusCode.BadRequest);
        var from = await (await admin.GetAsync("api/v1/incidents/learning?from=yesterday")).ProblemAsync(HttpStatusCode.BadRequest);
        var service = await (await admin.GetAsync("api/v1/incidents/learning?service=no-such-service")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("day", Assert.Single(bucket["bucket"]), StringComparison.Ordinal);
        Assert.Contains("yesterday", Assert.Single(from["from"]), StringComparison.Ordinal);
        Assert.Contains("no-such-service", Assert.Single(service["service"]), StringComparison.Ordinal);
    }
}
