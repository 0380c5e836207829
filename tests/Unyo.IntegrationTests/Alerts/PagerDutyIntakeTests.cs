using System.Net;
using System.Text;
using Unyo.Client;
using Unyo.Features.Alerts;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Alerts;

public sealed class PagerDutyIntakeTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task EventsWithOneKeyTriggerRepeatAcknowledgeAndResolveOneAlert(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var key = await AlertKit.IntegrationAsync(app, service, IntegrationKind.PagerDuty);
        using var anonymous = app.Client();

        var first = await (await AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(key, "checkout-latency"))).ReadAsync<PagerDutyAccepted>(HttpStatusCode.Accepted);
        var again = await (await AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(key, "checkout-latency", "a newer summary"))).ReadAsync<PagerDutyAccepted>(HttpStatusCode.Accepted);
        Assert.Equal(("success", "checkout-latency"), (first.Status, first.DedupKey));
        Assert.Equal("checkout-latency", again.DedupKey);
        var open = Assert.Single(await AlertKit.AlertsAsync(app, service));
        Assert.Equal((AlertStatus.Triggered, 2, "Checkout latency above 2 s"), (open.Status, open.OccurrenceCount, open.Summary));
        Assert.Equal((AlertSeverity.Critical, AlertUrgency.High, "prometheus-eu-1"), (open.Severity, open.Urgency, open.Source));
        Assert.Equal("api", open.Labels["component"]);
        Assert.Equal("https://grafana.example.com/d/checkout", Assert.Single(open.Links).Href);
        Assert.Contains("2.4s", open.Details);

        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Act(key, "acknowledge", "checkout-latency"))).EnsureSuccessStatusCode();
        Assert.Equal(AlertStatus.Acknowledged, Assert.Single(await AlertKit.AlertsAsync(app, service)).Status);
        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Act(key, "resolve", "checkout-latency"))).EnsureSuccessStatusCode();
        var resolved = Assert.Single(await AlertKit.AlertsAsync(app, service));
        Assert.Equal(AlertStatus.Resolved, resolved.Status);
        Assert.NotNull(resolved.ResolvedAt);
        Assert.Equal([AlertTimelineKind.Triggered, AlertTimelineKind.Unrouted, AlertTimelineKind.Acknowledged, AlertTimelineKind.Resolved], (await AlertKit.TimelineAsync(app, resolved.Id)).Select(e => e.Kind));

        // The same key after resolution opens a new alert; resolving what is not open changes nothing.
        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(key, "checkout-latency"))).EnsureSuccessStatusCode();
        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Act(key, "resolve", "never-opened"))).EnsureSuccessStatusCode();
        var alerts = await AlertKit.AlertsAsync(app, service);
        Assert.Equal([AlertStatus.Resolved, AlertStatus.Triggered], alerts.Select(a => a.Status));
    }

    [Theory, DatabaseData]
    public async Task ATriggerWithoutKeyGetsOneAndTheRunbookComesFromTheServiceOrIsFlaggedMissing(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var withRunbook = Names.Unique("svc");
        (await admin.PostJsonAsync("api/v1/services", new ServiceRequest { Name = withRunbook, Team = team, RunbookUrl = "https://wiki.example.com/runbooks/payments" })).EnsureSuccessStatusCode();
        var bare = await AlertKit.IntegrationAsync(app, service, IntegrationKind.PagerDuty);
        var documented = await AlertKit.IntegrationAsync(app, withRunbook, IntegrationKind.PagerDuty);
        using var anonymous = app.Client();

        var answer = await (await AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(bare, null, severity: "warning"))).ReadAsync<PagerDutyAccepted>(HttpStatusCode.Accepted);
        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(documented, "disk"))).EnsureSuccessStatusCode();

        var missing = Assert.Single(await AlertKit.AlertsAsync(app, service));
        Assert.Equal(answer.DedupKey, missing.DedupKey);
        Assert.Equal(32, missing.DedupKey.Length);
        Assert.Equal((true, null, AlertUrgency.Low), (missing.RunbookMissing, missing.RunbookUrl, missing.Urgency));
        var inherited = Assert.Single(await AlertKit.AlertsAsync(app, withRunbook));
        Assert.Equal((false, "https://wiki.example.com/runbooks/payments"), (inherited.RunbookMissing, inherited.RunbookUrl));
    }

    [Theory, DatabaseData]
    public async Task BadEventsAreRefusedLikePagerDutyAndNothingIsStored(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var key = await AlertKit.IntegrationAsync(app, service, IntegrationKind.PagerDuty);
        var webhookKey = await AlertKit.IntegrationAsync(app, service, IntegrationKind.Webhook);
        using var anonymous = app.Client();

        async Task<PagerDutyRefused> Refused(object body, HttpStatusCode status) => await (await AlertKit.EnqueueAsync(anonymous, body)).ReadAsync<PagerDutyRefused>(status);

        var empty = await Refused(new { }, HttpStatusCode.BadRequest);
        Assert.Equal("invalid event", empty.Status);
        Assert.Contains("'routing_key' is missing or blank", empty.Errors);
        Assert.Contains("'event_action' is missing or blank", empty.Errors);
        var noPayloadFields = await Refused(new { routing_key = key, event_action = "trigger", payload = new { } }, HttpStatusCode.BadRequest);
        Assert.Equal(["'payload.summary' is missing or blank", "'payload.source' is missing or blank", "'payload.severity' is missing or blank"], noPayloadFields.Errors);
        var tooLong = await Refused(AlertKit.Trigger(key, "k", summary: new string('x', 1025)), HttpStatusCode.BadRequest);
        Assert.Contains("'payload.summary' must be at most 1024 characters (got 1025)", tooLong.Errors);
        Assert.Contains("'payload.severity' must be one of critical, error, warning, info (got 'fatal')", (await Refused(AlertKit.Trigger(key, "k", severity: "fatal"), HttpStatusCode.BadRequest)).Errors);
        Assert.Contains("'dedup_key' is required for event_action 'resolve'", (await Refused(new { routing_key = key, event_action = "resolve" }, HttpStatusCode.BadRequest)).Errors);
        Assert.Contains("'event_action' must be one of trigger, acknowledge, resolve (got 'explode')", (await Refused(new { routing_key = key, event_action = "explode" }, HttpStatusCode.BadRequest)).Errors);

        var malformed = await anonymous.PostAsync("v2/enqueue", new StringContent("{\"routing_key\": ", Encoding.UTF8, "application/json"));
        Assert.StartsWith("The body is not valid JSON", Assert.Single((await malformed.ReadAsync<PagerDutyRefused>(HttpStatusCode.BadRequest)).Errors));
        var huge = await anonymous.PostAsync("v2/enqueue", new StringContent($"{{\"routing_key\":\"{key}\",\"pad\":\"{new string('x', 600 * 1024)}\"}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);

        // Unknown keys, keys of another kind and keys of the wrong shape get the same answer.
        var unknown = await Refused(AlertKit.Trigger(IntegrationKeys.New(), "k"), HttpStatusCode.NotFound);
        var otherKind = await Refused(AlertKit.Trigger(webhookKey, "k"), HttpStatusCode.NotFound);
        var misshapen = await Refused(AlertKit.Trigger("not-a-key", "k"), HttpStatusCode.NotFound);
        HttpAssertions.SameJson(unknown, otherKind);
        HttpAssertions.SameJson(unknown, misshapen);

        Assert.Empty(await AlertKit.AlertsAsync(app, service));
    }
}
