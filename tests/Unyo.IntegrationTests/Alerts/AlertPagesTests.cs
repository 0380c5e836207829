using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using Unyo.Client;
using Unyo.Features.Alerts;
using Unyo.Features.Notifications;
using Unyo.IntegrationTests.Accounts;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Alerts;

// The browser test runs on SQLite only; these render and post the alert pages on both databases.
public sealed class AlertPagesTests(Servers servers)
{
    private const string Password = "a long enough password";

    [Theory, DatabaseData]
    public async Task TheInboxAlertPageAndServiceSectionShowAnAlertAndRefuseBadFilters(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var key = await AlertKit.IntegrationAsync(app, service, IntegrationKind.PagerDuty);
        using var anonymous = app.Client();
        var summary = $"Checkout latency {Guid.NewGuid():N}";
        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(key, "latency-p99", summary))).EnsureSuccessStatusCode();
        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(key, "latency-p99", summary))).EnsureSuccessStatusCode();
        (await AlertKit.EnqueueAsync(anonymous, new
        {
            routing_key = key, event_action = "trigger", dedup_key = "disk",
            payload = new { summary = "Disk 80% full", source = "node-exporter", severity = "warning" },
            links = new[] { new { href = "https://wiki.example.com/runbooks/disk", text = "Runbook" } },
        })).EnsureSuccessStatusCode();
        var alerts = await AlertKit.AlertsAsync(app, service);
        var latency = alerts.Single(a => a.DedupKey == "latency-p99");
        var disk = alerts.Single(a => a.DedupKey == "disk");
        using var browser = new FormClient(app);
        await browser.SignInAsync(UnyoApp.AdminEmail, UnyoApp.AdminPassword);

        var inbox = await browser.GetAsync($"alerts?service={service}");
        var inboxHtml = WebUtility.HtmlDecode(browser.Html);
        var resolvedTab = await browser.GetAsync($"alerts?service={service}&status=resolved");
        var resolvedHtml = browser.Html;
        var lowOnly = await browser.GetAsync($"alerts?team={team}&urgency=low");
        var lowHtml = browser.Html;
        var page = await browser.GetAsync($"alerts/{latency.Id}");
        var pageHtml = WebUtility.HtmlDecode(browser.Html);
        var diskPage = await browser.GetAsync($"alerts/{disk.Id}");
        var diskHtml = browser.Html;
        var servicePage = await browser.GetAsync($"services/{service}");
        var serviceHtml = browser.Html;
        var badUrgency = await browser.GetAsync("alerts?urgency=medium");
        var badUrgencyHtml = WebUtility.HtmlDecode(browser.Html);
        var badStatus = await browser.GetAsync("alerts?status=open-ish");
        var missing = await browser.GetAsync("alerts/987654321");
        var missingHtml = browser.Html;

        Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
        Assert.Contains($"href=\"/alerts/{latency.Id}\">{summary}</a>", inboxHtml);
        Assert.Contains($"href=\"/alerts/{disk.Id}\">Disk 80% full</a>", inboxHtml);
        Assert.Contains("no runbook", inboxHtml);
        Assert.Contains("class=\"tab-open active\" aria-current=\"page\">open <span class=\"count \">2</span>", inboxHtml);
        Assert.Contains("class=\"tab-resolved \">resolved <span class=\"count none\">0</span>", inboxHtml);
        Assert.Equal(HttpStatusCode.OK, resolvedTab.StatusCode);
        Assert.DoesNotContain(summary, resolvedHtml);
        Assert.Contains("No resolved alerts.", resolvedHtml);
        Assert.Equal(HttpStatusCode.OK, lowOnly.StatusCode);
        Assert.Contains("Disk 80% full", lowHtml);
        Assert.DoesNotContain(summary, lowHtml);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(summary, pageHtml);
        Assert.Contains("No runbook: neither the alert nor service", pageHtml);
        Assert.Contains("<code class=\"dedup\">latency-p99</code>", pageHtml);
        Assert.Contains("prometheus-eu-1", pageHtml);
        Assert.Contains("href=\"https://grafana.example.com/d/checkout\"", pageHtml);
        Assert.Contains("\"p99\": \"2.4s\"", pageHtml);
        Assert.Contains("<span class=\"kind\">triggered</span>", pageHtml);
        Assert.Contains(">Acknowledge</button>", pageHtml);
        Assert.Contains(">Resolve</button>", pageHtml);
        Assert.Contains("<h2 id=\"alert-deliveries-title\">Deliveries</h2>", pageHtml);
        Assert.Equal(HttpStatusCode.OK, diskPage.StatusCode);
        Assert.Contains("class=\"runbook-link\">https://wiki.example.com/runbooks/disk</a>", diskHtml);

        Assert.Equal(HttpStatusCode.OK, servicePage.StatusCode);
        Assert.Contains("Open alerts <span class=\"count \">2</span>", serviceHtml);
        Assert.Contains($"href=\"/alerts/{latency.Id}\"", serviceHtml);
        Assert.Contains($"href=\"/alerts?service={service}\"", serviceHtml);

        Assert.Equal(HttpStatusCode.BadRequest, badUrgency.StatusCode);
        Assert.Contains("'medium' is not an urgency: use high or low.", badUrgencyHtml);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("There is nothing at <code>/alerts/987654321</code>", missingHtml);
    }

    [Theory, DatabaseData]
    public async Task OnlyTheTeamAndAdminsSeeTheButtonsAndAMemberAcknowledgesThenResolvesThroughTheForm(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var key = await AlertKit.IntegrationAsync(app, service, IntegrationKind.PagerDuty);
        (await AlertKit.EnqueueAsync(app.Client(), AlertKit.Trigger(key, "queue-depth", "Queue depth above 10k"))).EnsureSuccessStatusCode();
        var alert = Assert.Single(await AlertKit.AlertsAsync(app, service));
        var url = $"alerts/{alert.Id}";
        using var viewer = await SignedInAsync(app, admin, "viewer", null);
        using var outsider = await SignedInAsync(app, admin, "member", null);
        var memberEmail = $"member-{Guid.NewGuid():N}@example.test";
        using var member = await SignedInAsync(app, admin, "member", team, memberEmail);

        (await viewer.GetAsync(url)).EnsureSuccessStatusCode();
        var viewerHtml = viewer.Html;
        (await outsider.GetAsync(url)).EnsureSuccessStatusCode();
        var outsiderHtml = outsider.Html;
        (await member.GetAsync(url)).EnsureSuccessStatusCode();
        var memberHtml = member.Html;
        // A post the outsider's page offered no button for: the right is checked again on the server.
        var forged = await outsider.PostAsync(url, "alert-action", ("Action", "acknowledge"));
        var forgedHtml = WebUtility.HtmlDecode(outsider.Html);
        var afterForgery = Assert.Single(await AlertKit.AlertsAsync(app, service));
        var acknowledged = await member.PostAsync(url, "alert-action", ("Action", "acknowledge"));
        var followed = await member.GetAsync(acknowledged.Headers.Location!.PathAndQuery.TrimStart('/'));
        var ackHtml = WebUtility.HtmlDecode(member.Html);
        var again = await member.PostAsync(url, "alert-action", ("Action", "acknowledge"));
        var againHtml = WebUtility.HtmlDecode(member.Html);
        var nonsense = await member.PostAsync(url, "alert-action", ("Action", "delete"));
        var resolved = await member.PostAsync(url, "alert-action", ("Action", "resolve"));
        await member.GetAsync(url);
        var resolvedHtml = member.Html;
        var timeline = await AlertKit.TimelineAsync(app, alert.Id);
        var stored = Assert.Single(await AlertKit.AlertsAsync(app, service));

        Assert.DoesNotContain(">Acknowledge</button>", viewerHtml);
        Assert.DoesNotContain(">Acknowledge</button>", outsiderHtml);
        Assert.Contains(">Acknowledge</button>", memberHtml);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains($"Only members of team '{team}' (or admins) can act on this alert.", forgedHtml);
        Assert.Equal(AlertStatus.Triggered, afterForgery.Status);
        Assert.Equal(HttpStatusCode.Redirect, acknowledged.StatusCode);
        Assert.Equal($"/alerts/{alert.Id}?done=acknowledge", acknowledged.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
        Assert.Contains("Acknowledged.", ackHtml);
        Assert.Contains($"acknowledged by {memberEmail} at", ackHtml);
        Assert.DoesNotContain(">Acknowledge</button>", ackHtml);
        Assert.Contains(">Resolve</button>", ackHtml);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains($"Already acknowledged by {memberEmail} at", againHtml);
        Assert.Equal(HttpStatusCode.BadRequest, nonsense.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, resolved.StatusCode);
        Assert.DoesNotContain(">Resolve</button>", resolvedHtml);
        Assert.Equal((AlertStatus.Resolved, memberEmail, memberEmail), (stored.Status, stored.AcknowledgedBy, stored.ResolvedBy));
        Assert.Equal([AlertTimelineKind.Triggered, AlertTimelineKind.Acknowledged, AlertTimelineKind.Resolved], timeline.Select(e => e.Kind).Where(k => k != AlertTimelineKind.Unrouted && k != AlertTimelineKind.Note));
        Assert.All(timeline.Where(e => e.Kind is AlertTimelineKind.Acknowledged or AlertTimelineKind.Resolved), e => Assert.Equal(memberEmail, e.Actor));
    }

    [Theory, DatabaseData]
    public async Task TheAlertPageListsDeliveriesWithTheirAttemptsAndLastError(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var sender = new RecordingSender { Answer = _ => new DeliveryOutcome(DeliveryResult.RetryLater, 503, "receiver down for maintenance") };
        var app = await NotifyKit.ServerAsync(servers, provider, clock, sender);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var channel = "pager-" + team;
        await NotifyKit.ChannelAsync(app, team, ChannelUse.Paging, channel);
        var key = await AlertKit.IntegrationAsync(app, service, IntegrationKind.PagerDuty);
        (await AlertKit.EnqueueAsync(app.Client(), AlertKit.Trigger(key, "api-5xx", "API 5xx above 2%"))).EnsureSuccessStatusCode();
        Assert.Equal(1, await NotifyKit.DispatchAsync(app));
        var alert = Assert.Single(await AlertKit.AlertsAsync(app, service));
        using var browser = new FormClient(app);
        await browser.SignInAsync(UnyoApp.AdminEmail, UnyoApp.AdminPassword);

        var page = await browser.GetAsync($"alerts/{alert.Id}");
        var html = WebUtility.HtmlDecode(browser.Html);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"<span class=\"slug\">{channel}</span> <span class=\"muted\">webhook</span>", html);
        Assert.Contains("<td>triggered</td>", html);
        Assert.Contains("retrying at 2026-06-01", html);
        Assert.Contains("503: receiver down for maintenance", html);
        Assert.Contains("<summary>1 attempt</summary>", html);
        Assert.Contains("retrylater 503", html);
    }

    [Theory, DatabaseData]
    public async Task TheInboxPagesFiftyAlertsAtATimeNewestFirst(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var key = await AlertKit.IntegrationAsync(app, service, IntegrationKind.PagerDuty);
        using var anonymous = app.Client();
        for (var i = 1; i <= 52; i++)
        {
            (await AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(key, $"k{i}", $"Paged alert number {i:D2}"))).EnsureSuccessStatusCode();
        }
        using var browser = new FormClient(app);
        await browser.SignInAsync(UnyoApp.AdminEmail, UnyoApp.AdminPassword);

        await browser.GetAsync($"alerts?service={service}");
        var first = browser.Html;
        await browser.GetAsync($"alerts?service={service}&page=2");
        var second = browser.Html;
        var outOfRange = await browser.GetAsync($"alerts?service={service}&page=-1");

        static int Rows(string html) => System.Text.RegularExpressions.Regex.Count(html, "<tr class=\"alert-row ");
        Assert.Equal((50, 2), (Rows(first), Rows(second)));
        Assert.True(first.IndexOf("Paged alert number 52", StringComparison.Ordinal) < first.IndexOf("Paged alert number 51", StringComparison.Ordinal));
        Assert.DoesNotContain("Paged alert number 02", first);
        Assert.Contains($"href=\"/alerts?status=open&amp;service={service}&amp;page=2\" rel=\"next\"", first);
        Assert.Contains("Paged alert number 01", second);
        Assert.Contains("rel=\"prev\"", second);
        Assert.DoesNotContain("rel=\"next\"", second);
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
    }

    [Theory, DatabaseData]
    public async Task BulkAcknowledgeAcknowledgesTheChosenAlertsAndReportsTheRest(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var (otherTeam, otherService) = await SloTestKit.CreateServiceAsync(admin);
        var key = await AlertKit.IntegrationAsync(app, service, IntegrationKind.PagerDuty);
        var otherKey = await AlertKit.IntegrationAsync(app, otherService, IntegrationKind.PagerDuty);
        using var anonymous = app.Client();
        foreach (var dedup in new[] { "one", "two", "done" })
        {
            (await AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(key, dedup, $"Bulk {dedup}"))).EnsureSuccessStatusCode();
        }
        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(otherKey, "theirs", "Bulk theirs"))).EnsureSuccessStatusCode();
        var mine = (await AlertKit.AlertsAsync(app, service)).ToDictionary(a => a.DedupKey, a => a.Id);
        var theirs = Assert.Single(await AlertKit.AlertsAsync(app, otherService)).Id;
        (await admin.PostAsync($"api/v1/alerts/{mine["done"]}/acknowledge", null)).EnsureSuccessStatusCode();
        var memberEmail = $"member-{Guid.NewGuid():N}@example.test";
        using var member = await SignedInAsync(app, admin, "member", team, memberEmail);
        using var viewer = await SignedInAsync(app, admin, "viewer", null);

        await member.GetAsync($"alerts?team={otherTeam}");
        var otherTeamHtml = member.Html;
        await member.GetAsync($"alerts?team={team}");
        var ownHtml = member.Html;
        var posted = await member.PostAsync($"alerts?team={team}", "alerts-acknowledge",
            ("Ids", mine["one"].ToString()), ("Ids", mine["done"].ToString()), ("Ids", theirs.ToString()));
        var followed = await member.GetAsync(posted.Headers.Location!.PathAndQuery.TrimStart('/'));
        var summaryHtml = member.Html;
        var badId = await member.PostAsync($"alerts?team={team}", "alerts-acknowledge", ("Ids", "twelve"));
        var badIdHtml = WebUtility.HtmlDecode(member.Html);
        await member.GetAsync($"alerts?team={team}");
        var none = await member.PostAsync($"alerts?team={team}", "alerts-acknowledge");
        var noneHtml = member.Html;
        await member.GetAsync($"alerts?team={team}");
        var tooMany = await member.PostAsync($"alerts?team={team}", "alerts-acknowledge", [.. Enumerable.Range(1, 501).Select(i => ("Ids", i.ToString()))]);
        var tooManyHtml = member.Html;
        await viewer.GetAsync($"alerts?team={team}");
        var viewerHtml = viewer.Html;
        var forged = await viewer.PostAsync($"alerts?team={team}", "alerts-acknowledge", ("Ids", mine["two"].ToString()));
        var stored = (await AlertKit.AlertsAsync(app, service)).ToDictionary(a => a.DedupKey);
        var other = Assert.Single(await AlertKit.AlertsAsync(app, otherService));

        Assert.Contains($"name=\"Ids\" value=\"{mine["one"]}\"", ownHtml);
        Assert.Contains($"name=\"Ids\" value=\"{mine["two"]}\"", ownHtml);
        Assert.DoesNotContain($"value=\"{mine["done"]}\"", ownHtml);
        Assert.Contains(">Acknowledge selected</button>", ownHtml);
        Assert.DoesNotContain("name=\"Ids\"", otherTeamHtml);
        Assert.DoesNotContain("Acknowledge selected", otherTeamHtml);
        Assert.DoesNotContain("name=\"Ids\"", viewerHtml);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal($"/alerts?status=open&team={team}&acknowledged=1,1,1,0", posted.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
        Assert.Contains("1 acknowledged, 1 already handled, 1 not yours.", summaryHtml);
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        Assert.Contains("Selected alerts: 'twelve' is not an alert id.", badIdHtml);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("Selected alerts: tick at least one alert to acknowledge.", noneHtml);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("Selected alerts: at most 500 alerts at once (got 501).", tooManyHtml);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal((AlertStatus.Acknowledged, memberEmail), (stored["one"].Status, stored["one"].AcknowledgedBy));
        Assert.Equal(AlertStatus.Triggered, stored["two"].Status);
        Assert.Equal((AlertStatus.Acknowledged, UnyoApp.AdminEmail), (stored["done"].Status, stored["done"].AcknowledgedBy));
        Assert.Equal(AlertStatus.Triggered, other.Status);
    }

    [Theory, DatabaseData]
    public async Task SnoozeNoteAndReassignThroughTheFormsLandOnTheTimelineAndBadInputChangesNothing(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var key = await AlertKit.IntegrationAsync(app, service, IntegrationKind.PagerDuty);
        (await AlertKit.EnqueueAsync(app.Client(), AlertKit.Trigger(key, "cpu", "CPU above 90%"))).EnsureSuccessStatusCode();
        var alert = Assert.Single(await AlertKit.AlertsAsync(app, service));
        var url = $"alerts/{alert.Id}";
        var memberEmail = $"member-{Guid.NewGuid():N}@example.test";
        using var member = await SignedInAsync(app, admin, "member", team, memberEmail);
        using var viewer = await SignedInAsync(app, admin, "viewer", null);

        await member.GetAsync(url);
        var triggeredHtml = member.Html;
        var snoozeTriggered = await member.PostAsync(url, "alert-snooze", ("Minutes", "60"));
        var snoozeTriggeredHtml = WebUtility.HtmlDecode(member.Html);
        Assert.Equal(HttpStatusCode.Redirect, (await member.PostAsync(url, "alert-action", ("Action", "acknowledge"))).StatusCode);
        await member.GetAsync(url);
        var acknowledgedHtml = member.Html;
        var badChoice = await member.PostAsync(url, "alert-snooze", ("Minutes", "7"));
        var badChoiceHtml = WebUtility.HtmlDecode(member.Html);
        var emptyNote = await member.PostAsync(url, "alert-note", ("Note", "   "));
        var emptyNoteHtml = WebUtility.HtmlDecode(member.Html);
        var longNote = await member.PostAsync(url, "alert-note", ("Note", new string('x', 4001)));
        var longNoteHtml = WebUtility.HtmlDecode(member.Html);
        var stranger = await member.PostAsync(url, "alert-reassign", ("Assignee", "nobody@example.test"));
        var strangerHtml = WebUtility.HtmlDecode(member.Html);
        await viewer.GetAsync(url);
        var viewerHtml = viewer.Html;
        var forged = await viewer.PostAsync(url, "alert-note", ("Note", "a viewer's note"));
        var unchanged = await AlertKit.TimelineAsync(app, alert.Id);

        var snoozed = await member.PostAsync(url, "alert-snooze", ("Minutes", "240"));
        await member.GetAsync(snoozed.Headers.Location!.PathAndQuery.TrimStart('/'));
        var snoozedHtml = WebUtility.HtmlDecode(member.Html);
        var noted = await member.PostAsync(url, "alert-note", ("Note", "Rolled back **4.2** <b>now</b>"));
        await member.GetAsync(noted.Headers.Location!.PathAndQuery.TrimStart('/'));
        var notedHtml = member.Html;
        var reassigned = await member.PostAsync(url, "alert-reassign", ("Assignee", UnyoApp.AdminEmail));
        await member.GetAsync(reassigned.Headers.Location!.PathAndQuery.TrimStart('/'));
        var timeline = await AlertKit.TimelineAsync(app, alert.Id);
        var stored = Assert.Single(await AlertKit.AlertsAsync(app, service));

        Assert.DoesNotContain("Snooze for", triggeredHtml);
        Assert.Contains(">Add note</button>", triggeredHtml);
        Assert.Contains(">Reassign</button>", triggeredHtml);
        Assert.Equal(HttpStatusCode.Conflict, snoozeTriggered.StatusCode);
        Assert.Contains("only an acknowledged alert can be snoozed. Acknowledge it first.", snoozeTriggeredHtml);
        Assert.Contains("<option value=\"15\">15 min</option>", acknowledgedHtml);
        Assert.Contains("<option value=\"1440\">24 h</option>", acknowledgedHtml);
        Assert.Equal(HttpStatusCode.BadRequest, badChoice.StatusCode);
        Assert.Contains("Snooze for: '7' is not a choice: snooze for 15 min, 1 h, 4 h or 24 h.", badChoiceHtml);
        Assert.Equal(HttpStatusCode.BadRequest, emptyNote.StatusCode);
        Assert.Contains("Note: is required", emptyNoteHtml);
        Assert.Equal(HttpStatusCode.BadRequest, longNote.StatusCode);
        Assert.Contains("Note: must be at most 4000 characters (it has 4001).", longNoteHtml);
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        Assert.Contains("Assign to: 'nobody@example.test' is not an active person of the organisation", strangerHtml);
        Assert.DoesNotContain(">Add note</button>", viewerHtml);
        Assert.DoesNotContain(">Reassign</button>", viewerHtml);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal([AlertTimelineKind.Triggered, AlertTimelineKind.Acknowledged], Kinds(unchanged));

        Assert.Equal(HttpStatusCode.Redirect, snoozed.StatusCode);
        Assert.Contains("Snoozed: it triggers again when the snooze runs out.", snoozedHtml);
        Assert.Contains("<dt>Snoozed until</dt>", snoozedHtml);
        Assert.Equal($"/alerts/{alert.Id}?done=note", noted.Headers.Location!.PathAndQuery);
        Assert.Contains("Note added to the timeline.", notedHtml);
        // Markdown is shown as the text it is; markup in it is escaped, never rendered.
        Assert.Contains("<span class=\"text\">Rolled back **4.2** &lt;b&gt;now&lt;/b&gt;</span>", notedHtml);
        Assert.Equal($"/alerts/{alert.Id}?done=reassign", reassigned.Headers.Location!.PathAndQuery);
        Assert.Contains("Reassigned.", member.Html);
        Assert.Equal(
            [AlertTimelineKind.Triggered, AlertTimelineKind.Acknowledged, AlertTimelineKind.Snoozed, AlertTimelineKind.Note, AlertTimelineKind.Reassigned],
            Kinds(timeline));
        Assert.All(timeline.Where(e => e.Kind is AlertTimelineKind.Snoozed or AlertTimelineKind.Note or AlertTimelineKind.Reassigned), e => Assert.Equal(memberEmail, e.Actor));
        Assert.Equal($"to {UnyoApp.AdminEmail}", timeline.Single(e => e.Kind == AlertTimelineKind.Reassigned).Text);
        Assert.Equal(AlertStatus.Acknowledged, stored.Status);
        Assert.NotNull(stored.SnoozedUntil);
        Assert.NotNull(stored.AssigneeId);
    }

    // What people and the intake did; routing's own entries (nobody to tell) depend on other tests' routes.
    private static List<AlertTimelineKind> Kinds(IEnumerable<AlertTimelineEntry> timeline) =>
        [.. timeline.Where(e => e.Kind != AlertTimelineKind.Unrouted && !(e.Kind == AlertTimelineKind.Note && e.Actor == "unyo")).Select(e => e.Kind)];

    // A user of the role made through the API with a password, in the team if one is given, signed in with the form.
    private static async Task<FormClient> SignedInAsync(UnyoApp app, HttpClient admin, string role, string? team, string? email = null)
    {
        email ??= $"{role}-{Guid.NewGuid():N}@example.test";
        (await admin.PostJsonAsync("api/v1/users", new CreateUserRequest { Email = email, Role = role, Password = Password })).EnsureSuccessStatusCode();
        if (team is not null)
        {
            (await admin.PostAsJsonAsync($"api/v1/teams/{team}/members", new AddTeamMemberRequest(email))).EnsureSuccessStatusCode();
        }
        var client = new FormClient(app);
        await client.SignInAsync(email, Password);
        Assert.True(client.HasSession, $"{email} did not sign in");
        return client;
    }
}
