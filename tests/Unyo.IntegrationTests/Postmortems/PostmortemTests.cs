using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Client;
using Unyo.Features.Postmortems;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Postmortems;

public sealed class PostmortemTests(Servers servers)
{
    private static readonly DateTimeOffset Detected = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    [Theory, DatabaseData]
    public async Task APostmortemStartsFromTheSixStepTemplateWithTheIncidentTimelineAndOnlyOnce(string provider)
    {
        var app = await servers.GetAsync(provider);
        var (_, _, serviceId, service) = await IncidentKit.ServiceAsync(app);
        var incident = await IncidentKit.IncidentAsync(app, serviceId, Detected, Detected.AddMinutes(45));
        using var client = app.Admin();

        var created = await (await client.PostAsync($"api/v1/incidents/{incident}/postmortem", null)).ReadAsync<PostmortemResponse>(HttpStatusCode.Created);
        var again = await (await client.PostJsonAsync("api/v1/postmortems", new CreatePostmortemRequest { Incident = incident })).ProblemAsync(HttpStatusCode.Conflict);
        var unknown = await (await client.PostJsonAsync("api/v1/postmortems", new CreatePostmortemRequest { Incident = 987654321 })).ProblemAsync(HttpStatusCode.BadRequest);
        var missing = await (await client.PostJsonAsync("api/v1/postmortems", new { })).ProblemAsync(HttpStatusCode.BadRequest);
        var timeline = app.WithDb(db => db.IncidentTimeline.Where(e => e.IncidentId == incident).OrderBy(e => e.Id).Select(e => e.Text).ToList());

        Assert.Equal(("draft", incident, "Postmortem: Checkout errors"), (created.State, created.Incident, created.Title));
        Assert.Contains("Step 1: the record", created.Record, StringComparison.Ordinal);
        Assert.Contains("hindsight is not a finding", created.Record, StringComparison.Ordinal);
        Assert.Contains("Step 2: impact", created.ImpactSummary, StringComparison.Ordinal);
        Assert.Contains("Step 3: root-cause analysis", created.RootCause, StringComparison.Ordinal);
        Assert.Contains("Step 4: fixes", created.FixesShortTerm, StringComparison.Ordinal);
        Assert.Contains("Step 5: the report", created.Report, StringComparison.Ordinal);
        Assert.Contains("Step 6: follow-up", created.FollowUp, StringComparison.Ordinal);
        Assert.Contains("**2026-03-02 10:00:00 UTC** · Declared · ic@example.test: Declared SEV2", created.Timeline, StringComparison.Ordinal);
        Assert.Contains("Rolled back **deploy 41** errors falling", created.Timeline, StringComparison.Ordinal);
        Assert.Equal([service], created.Impact.Services);
        Assert.Equal(TimeSpan.FromMinutes(45), created.Impact.Duration);
        Assert.True(created.Complete);
        again.AssertField("incident", "already has postmortem");
        unknown.AssertField("incident", "there is no incident 987654321");
        missing.AssertField("incident", "required");
        Assert.Equal("Postmortem started.", timeline[^1]);
    }

    [Theory, DatabaseData]
    public async Task TheImpactShowsTheErrorBudgetEachSloSpentDuringTheIncidentFromItsSliMinutes(string provider)
    {
        var app = await servers.GetAsync(provider);
        // Whole minutes, recent enough for the SLO's window: traffic from 7 h before detection to 1 h after resolution.
        var now = TimeProvider.System.GetUtcNow();
        var t0 = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddHours(-3);
        var name = Names.Unique("pm-slo");
        var slo = await Slos.SloClock.SloAsync(app, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(now), name, objective: 99, configure: s => s.RollingDays = 1);
        await Slos.SloClock.TrafficAsync(app, slo.SliId, t0.AddMinutes(-420), 480, 0);
        await Slos.SloClock.TrafficAsync(app, slo.SliId, t0.AddMinutes(60), 60, 0.02);
        await Slos.SloClock.TrafficAsync(app, slo.SliId, t0.AddMinutes(120), 60, 0);
        var incident = await IncidentKit.IncidentAsync(app, slo.ServiceId, t0.AddMinutes(60), t0.AddMinutes(120));
        using var client = app.Admin();

        var created = await (await client.PostAsync($"api/v1/incidents/{incident}/postmortem", null)).ReadAsync<PostmortemResponse>(HttpStatusCode.Created);
        var budget = Assert.Single(created.Impact.Budgets);
        var export = await client.GetStringAsync($"api/v1/postmortems/{created.Id}/export.md");
        using var browser = new Accounts.FormClient(app);
        await browser.SignInAsync(UnyoApp.AdminEmail, UnyoApp.AdminPassword);
        var page = await browser.GetAsync($"postmortems/{created.Id}");

        // 60 minutes × 20 bad events spent; the 1-day window as of resolution holds 540 minutes × 1,000 events, 1% of them the budget.
        Assert.Equal((name, $"{name}-svc", "events"), (budget.Slo, budget.Service, budget.Unit));
        Assert.Equal(1200, budget.Spent);
        Assert.Equal(5400, budget.Budget, 6);
        Assert.Equal(1200.0 / 5400, budget.SpentShare!.Value, 6);
        Assert.Equal(TimeSpan.FromHours(1), created.Impact.Duration);
        Assert.Contains($"SLO {name} ({name}-svc): 22.2% of the budget (1,200 of 5,400 bad events)", export, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("22.2% of the budget", browser.Html, StringComparison.Ordinal);
    }

    [Theory, DatabaseData]
    public async Task ReviewGoesDraftToReviewToPublishedAndRefusesToPublishAnEmptyImpact(string provider)
    {
        var app = await servers.GetAsync(provider);
        var (_, _, serviceId, _) = await IncidentKit.ServiceAsync(app);
        var incident = await IncidentKit.IncidentAsync(app, serviceId, Detected, Detected.AddMinutes(30));
        using var client = app.Admin();
        var created = await (await client.PostAsync($"api/v1/incidents/{incident}/postmortem", null)).ReadAsync<PostmortemResponse>(HttpStatusCode.Created);
        var url = $"api/v1/postmortems/{created.Id}";

        var skipping = await (await client.PostJsonAsync($"{url}/transition", new PostmortemTransitionRequest { State = "published" })).ProblemAsync(HttpStatusCode.Conflict);
        var badState = await (await client.PostJsonAsync($"{url}/transition", new PostmortemTransitionRequest { State = "approved" })).ProblemAsync(HttpStatusCode.BadRequest);
        var inReview = await (await client.PostJsonAsync($"{url}/transition", new PostmortemTransitionRequest { State = "in_review" })).ReadAsync<PostmortemResponse>(HttpStatusCode.OK);
        var empty = await (await client.PostJsonAsync($"{url}/transition", new PostmortemTransitionRequest { State = "published" })).ProblemAsync(HttpStatusCode.Conflict);
        using var stale = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(new UpdatePostmortemRequest { ImpactUsers = "late" }) };
        stale.Headers.TryAddWithoutValidation("If-Match", $"\"{created.Revision}\"");
        var refusedStale = await client.SendAsync(stale);
        var tooLong = await (await client.PutAsJsonAsync(url, new UpdatePostmortemRequest { Title = "", ContributingFactors = ["ok", " "] })).ProblemAsync(HttpStatusCode.BadRequest);
        using var fresh = new HttpRequestMessage(HttpMethod.Put, url)
        {
            Content = JsonContent.Create(new UpdatePostmortemRequest { ImpactUsers = "12% of checkouts failed for 30 minutes", ContributingFactors = ["No canary", "Alert threshold too loose"] }),
        };
        fresh.Headers.TryAddWithoutValidation("If-Match", $"\"{inReview.Revision}\"");
        var updated = await (await client.SendAsync(fresh)).ReadAsync<PostmortemResponse>(HttpStatusCode.OK);
        var published = await (await client.PostJsonAsync($"{url}/transition", new PostmortemTransitionRequest { State = "published" })).ReadAsync<PostmortemResponse>(HttpStatusCode.OK);
        var stored = app.WithDb(db => db.Postmortems.AsNoTracking().Single(p => p.Id == created.Id));
        var audit = await (await client.GetAsync($"api/v1/audit?kind=Postmortem&name={created.Id}&limit=50")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK);

        skipping.AssertField("state", "not to published");
        badState.AssertField("state", "'approved' is not a state");
        Assert.Equal("in_review", inReview.State);
        empty.AssertField("impact", "the impact section is empty");
        Assert.Equal(HttpStatusCode.PreconditionFailed, refusedStale.StatusCode);
        tooLong.AssertField("title", "1 to 200");
        tooLong.AssertField("contributingFactors[1]", "1 to 500");
        Assert.Equal(["No canary", "Alert threshold too loose"], updated.ContributingFactors);
        Assert.Contains("Step 1: the record", updated.Record, StringComparison.Ordinal);
        Assert.Equal("published", published.State);
        Assert.NotNull(published.PublishedAt);
        Assert.Equal((PostmortemState.Published, "12% of checkouts failed for 30 minutes"), (stored.State, stored.ImpactUsers));
        Assert.Equal(["postmortem.create", "postmortem.transition", "postmortem.transition", "postmortem.update"],
            audit.Items.Select(r => r.Action).Order(StringComparer.Ordinal).ToList());
    }
}
