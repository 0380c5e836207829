using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.Features.Postmortems;
using Unyo.IntegrationTests.Accounts;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Postmortems;

public sealed class ActionItemTests(Servers servers)
{
    private static readonly DateTimeOffset Detected = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    [Theory, DatabaseData]
    public async Task APostmortemIsCompleteOnlyWhenEveryItemIsDoneOrDeclinedWithAReason(string provider)
    {
        var app = await servers.GetAsync(provider);
        var owner = await app.CreateUserAsync(OrgRole.Member);
        var (_, _, serviceId, _) = await IncidentKit.ServiceAsync(app);
        var incident = await IncidentKit.IncidentAsync(app, serviceId, Detected, Detected.AddHours(1));
        using var client = app.Admin();
        var postmortem = await (await client.PostAsync($"api/v1/incidents/{incident}/postmortem", null)).ReadAsync<PostmortemResponse>(HttpStatusCode.Created);
        var items = $"api/v1/postmortems/{postmortem.Id}/action-items";

        var bad = await (await client.PostJsonAsync(items, new ActionItemRequest
        {
            Title = " ", Owner = "nobody-here@example.test", Due = "next week", Priority = "urgent", Status = "declined", TicketUrl = "javascript:alert(1)",
        })).ProblemAsync(HttpStatusCode.BadRequest);
        var unknownOwner = await (await client.PostJsonAsync(items, new ActionItemRequest { Title = "Add a canary", Owner = "nobody-here@example.test" })).ProblemAsync(HttpStatusCode.BadRequest);
        var canary = await (await client.PostJsonAsync(items, new ActionItemRequest
        {
            Title = "Add a canary stage", Owner = owner.Email.ToUpperInvariant(), Due = "2026-02-01", Priority = "P1", TicketUrl = "https://tracker.example.test/OPS-1",
        })).ReadAsync<ActionItemResponse>(HttpStatusCode.Created);
        var alert = await (await client.PostJsonAsync(items, new ActionItemRequest { Title = "Tighten the alert", Priority = "P3" })).ReadAsync<ActionItemResponse>(HttpStatusCode.Created);
        var open = await (await client.GetAsync($"api/v1/postmortems/{postmortem.Id}")).ReadAsync<PostmortemResponse>(HttpStatusCode.OK);
        var declineWithout = await (await client.PutAsJsonAsync($"{items}/{alert.Id}", new ActionItemRequest { Title = "Tighten the alert", Status = "declined" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PutAsJsonAsync($"{items}/{alert.Id}", new ActionItemRequest { Title = "Tighten the alert", Status = "declined", DeclineReason = "The SLO alert covers it" }))
            .ReadAsync<ActionItemResponse>(HttpStatusCode.OK);
        var halfway = await (await client.GetAsync("api/v1/postmortems?limit=500")).ReadAsync<Page<PostmortemSummaryResponse>>(HttpStatusCode.OK);
        var done = await (await client.PutAsJsonAsync($"{items}/{canary.Id}", new ActionItemRequest
        {
            Title = canary.Title, Owner = owner.Email, Due = "2026-02-01", Priority = "P1", Status = "done", TicketUrl = canary.TicketUrl,
        })).ReadAsync<ActionItemResponse>(HttpStatusCode.OK);
        var complete = await (await client.GetAsync($"api/v1/postmortems/{postmortem.Id}")).ReadAsync<PostmortemResponse>(HttpStatusCode.OK);
        var missingItem = await client.PutAsJsonAsync($"{items}/99999999", new ActionItemRequest { Title = "x" });

        bad.AssertField("title", "1 to 200");
        bad.AssertField("due", "yyyy-MM-dd");
        bad.AssertField("priority", "P1, P2, P3 or P4");
        bad.AssertField("declineReason", "needs the reason");
        bad.AssertField("ticketUrl", "http or https");
        unknownOwner.AssertField("owner", "there is no user 'nobody-here@example.test'");
        Assert.Equal((owner.Email, "P1", "open", true), (canary.Owner, canary.Priority, canary.Status, canary.Overdue));
        Assert.False(open.Complete);
        declineWithout.AssertField("declineReason", "needs the reason");
        Assert.False(halfway.Items.Single(p => p.Id == postmortem.Id).Complete);
        Assert.Equal(1, halfway.Items.Single(p => p.Id == postmortem.Id).OpenItems);
        Assert.Equal(("done", false), (done.Status, done.Overdue));
        Assert.True(complete.Complete);
        Assert.Equal(HttpStatusCode.NotFound, missingItem.StatusCode);
    }

    [Theory, DatabaseData]
    public async Task OverdueItemsShowOnTheServicePageAndTheirOwnersGetOneDigestAWeek(string provider)
    {
        var app = await servers.GetAsync(provider);
        var owner = await app.CreateUserAsync(OrgRole.Member);
        var (_, _, serviceId, service) = await IncidentKit.ServiceAsync(app);
        var incident = await IncidentKit.IncidentAsync(app, serviceId, Detected, Detected.AddHours(1));
        using var client = app.Admin();
        var postmortem = await (await client.PostAsync($"api/v1/incidents/{incident}/postmortem", null)).ReadAsync<PostmortemResponse>(HttpStatusCode.Created);
        var items = $"api/v1/postmortems/{postmortem.Id}/action-items";
        var late = Names.Unique("Rotate the leaked <b>key</b>");
        var future = Names.Unique("Write the runbook");
        await (await client.PostJsonAsync(items, new ActionItemRequest { Title = late, Owner = owner.Email, Due = "2026-01-10", Priority = "P2" })).ReadAsync<ActionItemResponse>(HttpStatusCode.Created);
        await (await client.PostJsonAsync(items, new ActionItemRequest { Title = future, Owner = owner.Email, Due = "2999-01-01" })).ReadAsync<ActionItemResponse>(HttpStatusCode.Created);
        using var browser = new FormClient(app);
        await browser.SignInAsync(UnyoApp.AdminEmail, UnyoApp.AdminPassword);

        var page = await browser.GetAsync($"services/{service}");
        // Monday 2026-03-02 09:05 UTC: the week's digest is due; run twice, as two nodes would.
        var monday = new DateTimeOffset(2026, 3, 2, 9, 5, 0, TimeSpan.Zero);
        await SendDigestsAsync(app, monday);
        await SendDigestsAsync(app, monday.AddMinutes(5));
        var tuesdayNoon = await SendDigestsAsync(app, monday.AddDays(1).AddHours(3));
        var digests = app.WithDb(db => db.ActionItemDigests.AsNoTracking().Where(d => d.UserId == owner.Id).ToList());

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Overdue action items", browser.Html, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(late), browser.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(future, browser.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>key</b>", browser.Html, StringComparison.Ordinal);
        var digest = Assert.Single(digests);
        Assert.Equal((monday.AddMinutes(-5), 1), (digest.WeekStart, digest.Items));
        Assert.Equal(0, tuesdayNoon);
    }

    private static async Task<int> SendDigestsAsync(UnyoApp app, DateTimeOffset at)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ActionItemDigests>().SendAsync(at, CancellationToken.None);
    }
}
