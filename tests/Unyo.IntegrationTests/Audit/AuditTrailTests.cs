using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Features.Accounts.Sessions;
using Unyo.IntegrationTests.Accounts;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Audit;

public sealed class AuditTrailTests(Servers servers)
{
    // Every mutating endpoint and the audit action a successful call leaves. A new endpoint that
    // is missing here fails EveryMutatingEndpointIsListed: decide what it records.
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["POST /api/v1/services/"] = "service.create",
        ["PUT /api/v1/services/{name}"] = "service.update",
        ["DELETE /api/v1/services/{name}"] = "service.delete",
        ["POST /api/v1/teams/"] = "team.create",
        ["PUT /api/v1/teams/{name}"] = "team.update",
        ["DELETE /api/v1/teams/{name}"] = "team.delete",
        ["POST /api/v1/teams/{name}/members"] = "team.member-add",
        ["DELETE /api/v1/teams/{name}/members/{email}"] = "team.member-remove",
        ["POST /api/v1/users/"] = "user.create",
        ["PATCH /api/v1/users/{id:guid}"] = "user.update",
        ["DELETE /api/v1/users/{id:guid}"] = "user.delete",
        ["POST /api/v1/tokens/"] = "token.create",
        ["DELETE /api/v1/tokens/{id:guid}"] = "token.revoke",
        ["POST /api/v1/tokens/{id:guid}/rotate"] = "token.rotate",
        ["POST /api/v1/teams/{name}/tokens/"] = "token.create",
        ["DELETE /api/v1/teams/{name}/tokens/{id:guid}"] = "token.revoke",
        ["POST /api/v1/teams/{name}/tokens/{id:guid}/rotate"] = "token.rotate",
        ["POST /api/v1/apply"] = "service.create",
        ["POST /api/v1/me/mfa/totp"] = "mfa.enrol-start",
        ["POST /api/v1/me/mfa/totp/confirm"] = "mfa.enable",
        ["POST /api/v1/me/mfa/recovery-codes"] = "mfa.recovery-codes-renew",
        ["DELETE /api/v1/me/mfa/"] = "mfa.disable",
        ["PUT /api/v1/organisation/mfa-policy"] = "organisation.mfa-policy",
        ["DELETE /api/v1/users/{id:guid}/mfa"] = "mfa.reset",
        ["POST /api/v1/services/{name}/release-gate/overrides"] = "release-gate.override",
        ["DELETE /api/v1/services/{name}/release-gate/overrides/{id:guid}"] = "release-gate.override-end",
        ["DELETE /api/v1/me/sessions/{id:guid}"] = "session.revoke",
        ["DELETE /api/v1/me/sessions/"] = "session.revoke-all",
        ["DELETE /api/v1/users/{id:guid}/sessions"] = "user.sessions-revoke",
        ["POST /api/v1/sso/providers/"] = "identityprovider.create",
        ["PUT /api/v1/sso/providers/{name}"] = "identityprovider.update",
        ["DELETE /api/v1/sso/providers/{name}"] = "identityprovider.delete",
        ["POST /api/v1/slis/"] = "sli.create",
        ["PUT /api/v1/slis/{name}"] = "sli.update",
        ["DELETE /api/v1/slis/{name}"] = "sli.delete",
        ["POST /api/v1/slos/"] = "slo.create",
        ["PUT /api/v1/slos/{name}"] = "slo.update",
        ["DELETE /api/v1/slos/{name}"] = "slo.delete",
        ["POST /api/v1/error-budget-policies/"] = "errorbudgetpolicy.create",
        ["PUT /api/v1/error-budget-policies/{name}"] = "errorbudgetpolicy.update",
        ["DELETE /api/v1/error-budget-policies/{name}"] = "errorbudgetpolicy.delete",
        ["POST /api/v1/checks/"] = "check.create",
        ["PUT /api/v1/checks/{name}"] = "check.update",
        ["DELETE /api/v1/checks/{name}"] = "check.delete",
        ["POST /api/v1/checks/{name}/rotate-ping-url"] = "check.rotate-ping-url",
        ["PUT /api/v1/check-settings/"] = "check-settings.update",
        ["POST /api/v1/probe-locations/"] = "probe-location.create",
        ["POST /api/v1/probe-locations/{name}/rotate-token"] = "probe-location.rotate-token",
        ["DELETE /api/v1/probe-locations/{name}"] = "probe-location.delete",
        ["POST /api/v1/maintenance-windows/"] = "maintenancewindow.create",
        ["PUT /api/v1/maintenance-windows/{name}"] = "maintenancewindow.update",
        ["DELETE /api/v1/maintenance-windows/{name}"] = "maintenancewindow.delete",
        ["POST /api/v1/maintenance-windows/{name}/end"] = "maintenancewindow.end",
        ["POST /api/v1/integrations/"] = "integration.create",
        ["PUT /api/v1/integrations/{name}"] = "integration.update",
        ["DELETE /api/v1/integrations/{name}"] = "integration.delete",
        ["POST /api/v1/integrations/{name}/rotate-key"] = "integration.rotate-key",
        ["POST /api/v1/silences/"] = "silence.create",
        ["PUT /api/v1/silences/{name}"] = "silence.update",
        ["POST /api/v1/silences/{name}/expire"] = "silence.expire",
        ["DELETE /api/v1/silences/{name}"] = "silence.delete",
        ["POST /api/v1/me/oncall-feed"] = "oncall-feed.rotate",
        ["POST /api/v1/users/{email}/contact-methods"] = "contactmethod.create",
        ["PUT /api/v1/users/{email}/contact-methods/{id:guid}"] = "contactmethod.update",
        ["DELETE /api/v1/users/{email}/contact-methods/{id:guid}"] = "contactmethod.delete",
        ["POST /api/v1/users/{email}/contact-methods/{id:guid}/test"] = "contactmethod.test",
        ["PUT /api/v1/users/{email}/notification-rules"] = "notificationrules.update",
        ["PUT /api/v1/users/{email}/oncall-profile"] = "oncall-profile.update",
        ["POST /api/v1/schedules/"] = "schedule.create",
        ["PUT /api/v1/schedules/{name}"] = "schedule.update",
        ["DELETE /api/v1/schedules/{name}"] = "schedule.delete",
        ["POST /api/v1/schedules/{name}/overrides"] = "schedule.override.create",
        ["DELETE /api/v1/schedules/{name}/overrides/{id:guid}"] = "schedule.override.delete",
        ["POST /api/v1/escalation-policies/"] = "escalationpolicy.create",
        ["PUT /api/v1/escalation-policies/{name}"] = "escalationpolicy.update",
        ["DELETE /api/v1/escalation-policies/{name}"] = "escalationpolicy.delete",
        ["POST /api/v1/status-pages/"] = "statuspage.create",
        ["PUT /api/v1/status-pages/{name}"] = "statuspage.update",
        ["DELETE /api/v1/status-pages/{name}"] = "statuspage.delete",
        ["POST /api/v1/status-pages/{name}/webhooks"] = "statuspage.subscriber.create",
        ["DELETE /api/v1/status-pages/{name}/webhooks/{id:guid}"] = "statuspage.subscriber.delete",
        ["POST /api/v1/incidents/{id}/status-updates/"] = "statuspage.publish",
        ["POST /api/v1/schedules/{name}/swaps"] = "schedule.swap.request",
        ["POST /api/v1/schedules/{name}/layers/{layer}/ical"] = "schedule.update",
        ["POST /api/v1/schedules/{name}/swaps/{id:guid}/accept"] = "schedule.swap.accept",
        ["POST /api/v1/schedules/{name}/swaps/{id:guid}/decline"] = "schedule.swap.decline",
        ["POST /api/v1/schedules/{name}/swaps/{id:guid}/cancel"] = "schedule.swap.cancel",
        ["POST /api/v1/alert-routes/"] = "alertroute.create",
        ["PUT /api/v1/alert-routes/{name}"] = "alertroute.update",
        ["DELETE /api/v1/alert-routes/{name}"] = "alertroute.delete",
        ["POST /api/v1/notification-channels/"] = "notificationchannel.create",
        ["PUT /api/v1/notification-channels/{name}"] = "notificationchannel.update",
        ["DELETE /api/v1/notification-channels/{name}"] = "notificationchannel.delete",
        ["POST /api/v1/notification-channels/{name}/test"] = "notificationchannel.test",
        ["POST /api/v1/alerts/acknowledge"] = "alert.acknowledge",
        ["POST /api/v1/alerts/{id}/acknowledge"] = "alert.acknowledge",
        ["POST /api/v1/alerts/{id}/resolve"] = "alert.resolve",
        ["POST /api/v1/alerts/{id}/snooze"] = "alert.snooze",
        ["POST /api/v1/alerts/{id}/notes"] = "alert.note",
        ["POST /api/v1/alerts/{id}/reassign"] = "alert.reassign",
        ["POST /api/v1/notifications/{id:guid}/retry"] = "notification.retry",
        ["POST /api/v1/postmortems/"] = "postmortem.create",
        ["POST /api/v1/incidents/{id}/postmortem"] = "postmortem.create",
        ["PUT /api/v1/postmortems/{id}"] = "postmortem.update",
        ["POST /api/v1/postmortems/{id}/transition"] = "postmortem.transition",
        ["POST /api/v1/postmortems/{id}/timeline/refresh"] = "postmortem.timeline-refresh",
        ["POST /api/v1/postmortems/{id}/comments"] = "postmortem.comment",
        ["POST /api/v1/postmortems/{id}/action-items"] = "postmortem.action-item-create",
        ["PUT /api/v1/postmortems/{id}/action-items/{item}"] = "postmortem.action-item-update",
        ["PUT /api/v1/incident-policy/"] = "incidentpolicy.update",
        ["POST /api/v1/incidents/"] = "incident.declare",
        ["PATCH /api/v1/incidents/{id}"] = "incident.update",
        ["POST /api/v1/incidents/{id}/resolve"] = "incident.resolve",
        ["POST /api/v1/incidents/{id}/notes"] = "incident.note",
        ["PUT /api/v1/incidents/{id}/roles/{role}"] = "incident.role.assign",
        ["DELETE /api/v1/incidents/{id}/roles/{role}"] = "incident.role.end",
        ["POST /api/v1/incidents/{id}/services"] = "incident.service.add",
        ["DELETE /api/v1/incidents/{id}/services/{service}"] = "incident.service.remove",
        ["POST /api/v1/incidents/{id}/alerts"] = "incident.alert.link",
        ["DELETE /api/v1/incidents/{id}/alerts/{alert}"] = "incident.alert.unlink",
        ["POST /api/v1/incidents/{id}/merge"] = "incident.merge",
        ["PUT /api/v1/incidents/{id}/visibility"] = "incident.visibility",
    };

    // Mutating endpoints that take data in, not configuration: auditing them would write a row per
    // batch. Each says why; IngestLeavesNoAuditRecord proves it writes none.
    private static readonly Dictionary<string, string> NotAudited = new()
    {
        ["POST /api/v1/sli-events"] = "SLI events are data; counted on /metrics (unyo_sli_events_accepted_total)",
        ["POST /api/v1/probe/results"] = "check results are data; counted on /metrics (unyo_check_results_stored_total)",
        ["POST /api/v1/integrations/alertmanager/{key}"] = "alerts are data with a timeline of their own; counted on /metrics (unyo_alert_events_total)",
        ["POST /api/v1/integrations/webhook/{key}"] = "alerts are data with a timeline of their own; counted on /metrics (unyo_alert_events_total)",
        ["POST /api/v1/alerts"] = "alerts are data with a timeline of their own; counted on /metrics (unyo_alert_events_total)",
        ["POST /api/v1/alert-routes/preview"] = "a preview routes a sample alert and changes nothing",
        ["POST /v1/metrics"] = "OTLP metrics are SLI data; counted on /metrics (unyo_sli_events_accepted_total)",
        ["POST /v2/enqueue"] = "PagerDuty events are alerts: data with a timeline of their own; counted on /metrics (unyo_alert_events_total)",
        ["POST /v2/change/enqueue"] = "change events are data, listed on their service's page and /api/v1/services/{name}/changes",
        ["POST /status/{page}/subscribe"] = "a reader's subscription request is their data, not configuration; counted by the outbox's confirmation mail",
        ["POST /status/{page}/confirm/{token}"] = "a reader confirming their own address: data, not configuration (the page shows the count)",
        ["POST /status/{page}/unsubscribe/{token}"] = "a reader leaving: their data goes, nothing of theirs is kept to audit",
        ["GET /ping/{token}"] = "a heartbeat ping is a check result: data, shown on the check's history",
        ["HEAD /ping/{token}"] = "a heartbeat ping is a check result: data, shown on the check's history",
        ["POST /ping/{token}"] = "a heartbeat ping is a check result: data, shown on the check's history",
        ["GET /ping/{token}/start"] = "a heartbeat ping is a check result: data, shown on the check's history",
        ["HEAD /ping/{token}/start"] = "a heartbeat ping is a check result: data, shown on the check's history",
        ["POST /ping/{token}/start"] = "a heartbeat ping is a check result: data, shown on the check's history",
        ["GET /ping/{token}/fail"] = "a heartbeat ping is a check result: data, shown on the check's history",
        ["HEAD /ping/{token}/fail"] = "a heartbeat ping is a check result: data, shown on the check's history",
        ["POST /ping/{token}/fail"] = "a heartbeat ping is a check result: data, shown on the check's history",
    };

    // Audited, but by a caller that is not an admin's API token, so shown by a test of its own.
    private static readonly Dictionary<string, (string Action, string Test)> ExpectedElsewhere = new()
    {
        ["POST /alerts/act/{token}"] = ("alert.acknowledge", nameof(AnActionLinkInAMessageLeavesAnAuditRecord)),
        ["POST /signout"] = ("signout", nameof(SessionTests.SigningOutEndsTheSessionOnTheServer)),
        ["GET /signin/sso/{provider}/callback"] = ("signin.sso", "Sso.SsoSignInTests"),
    };

    // GETs that change something: a ping records a heartbeat (cron jobs use curl or wget), and
    // the single sign-on callback starts a session.
    private static readonly HashSet<string> MutatingGets =
    [
        "GET /ping/{token}", "HEAD /ping/{token}", "GET /ping/{token}/start", "HEAD /ping/{token}/start", "GET /ping/{token}/fail", "HEAD /ping/{token}/fail",
        "GET /signin/sso/{provider}/callback",
    ];

    // Every route that can change something, under /api or not, but pages (their forms call the
    // same services, which audit with source "ui": APageFormLeavesAUiAuditRecord) and the
    // operational endpoints that only read (health, /metrics, OpenAPI).
    [Theory, DatabaseData]
    public async Task EveryMutatingEndpointIsListed(string provider)
    {
        var app = await servers.GetAsync(provider);

        var mutating = PublicEndpoints.Walked(app).Select(e => $"{e.Method} {e.Route}")
            .Where(o => !o.StartsWith("GET ", StringComparison.Ordinal) && !o.StartsWith("HEAD ", StringComparison.Ordinal) || MutatingGets.Contains(o))
            .Order(StringComparer.Ordinal).ToList();

        Assert.Equal(Expected.Keys.Concat(NotAudited.Keys).Concat(ExpectedElsewhere.Keys).Order(StringComparer.Ordinal), mutating);
        Assert.Empty(Expected.Keys.Intersect(NotAudited.Keys));
    }

    [Theory, DatabaseData]
    public async Task APageFormLeavesAUiAuditRecord(string provider)
    {
        var app = await servers.GetAsync(provider);
        var admin = await app.CreatePersonAsync(OrgRole.Admin);
        using var browser = new FormClient(app);
        await browser.SignInAsync(admin.Email, admin.Password);
        var team = Names.Unique("paged-team");

        await browser.GetAsync("teams");
        var created = await browser.PostAsync("teams", "new-team", ("NewTeam.Name", team), ("NewTeam.DisplayName", "Made on the page"));
        var record = (await (await app.Admin().GetAsync($"api/v1/audit?kind=Team&name={team}&action=team.create")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK)).Items.Single();

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal((admin.Email, "ui"), (record.ActorEmail, record.Source));
        Assert.StartsWith("session:", record.Credential, StringComparison.Ordinal);
        Assert.Equal("Made on the page", JsonDocument.Parse(record.After!).RootElement.GetProperty("spec").GetProperty("displayName").GetString());
    }

    // The acknowledge link in a page's message: no session, the signed link is the credential,
    // and the audit log keeps that it came from a link (credential anonymous, source ui).
    [Theory, DatabaseData]
    public async Task AnActionLinkInAMessageLeavesAnAuditRecord(string provider)
    {
        var app = await servers.GetAsync(provider);
        var owner = await app.CreateUserAsync(OrgRole.Admin);
        var team = Names.Unique("team");
        var service = Names.Unique("svc");
        (await app.Client(owner.Token).PostJsonAsync("api/v1/teams", new TeamRequest { Name = team })).EnsureSuccessStatusCode();
        (await app.Client(owner.Token).PostJsonAsync("api/v1/services", new ServiceRequest { Name = service, Team = team })).EnsureSuccessStatusCode();
        var alert = (await Alerts.AlertApiKit.TriggerAsync(app, service, ("linked", "Linked outage", "critical")))[0];
        var token = app.Services.GetRequiredService<Features.Alerts.Actions.ActionLinks>().Token(Features.Alerts.Actions.AlertActionKind.Acknowledge, alert);
        var id = alert.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var acted = await app.Client().PostAsync($"alerts/act/{token}", null);
        var record = (await (await app.Admin().GetAsync($"api/v1/audit?kind=Alert&name={id}&action=alert.acknowledge")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK)).Items.Single();

        Assert.Equal(HttpStatusCode.OK, acted.StatusCode);
        Assert.Equal(("anonymous", "ui", (string?)null), (record.Credential, record.Source, record.ActorEmail));
        Assert.Equal("acknowledged", JsonDocument.Parse(record.After!).RootElement.GetProperty("status").GetString());
        Assert.NotNull(record.Ip);
    }

    [Theory, DatabaseData]
    public async Task IngestLeavesNoAuditRecord(string provider)
    {
        var app = await servers.GetAsync(provider);
        var actor = await app.CreateUserAsync(OrgRole.Member);
        var sli = await Telemetry.SliIngestKit.SliAsync(app);
        var at = TimeProvider.System.GetUtcNow().AddMinutes(-1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

        var response = await Telemetry.SliIngestKit.PostAsync(app.Client(actor.Token), Telemetry.SliIngestKit.Body($$"""{"sli":"{{sli.Name}}","timestamp":"{{at}}","ok":true}"""));
        var records = await (await app.Admin().GetAsync($"api/v1/audit?actor={Uri.EscapeDataString(actor.Email)}&limit=100")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(records.Items);
    }

    [Theory, DatabaseData]
    public async Task EveryMutatingEndpointLeavesItsAuditRecord(string provider)
    {
        var app = await servers.GetAsync(provider);
        var actor = await app.CreateUserAsync(OrgRole.Admin);
        using var client = app.Client(actor.Token);
        var team = Names.Unique("team");
        var service = Names.Unique("svc");
        var applied = Names.Unique("applied");
        var email = $"{Guid.NewGuid():N}@example.test";
        var calls = new List<(string Endpoint, string Name)>();
        async Task Call(string endpoint, string name, Task<HttpResponseMessage> request)
        {
            var response = await request;
            Assert.True(response.IsSuccessStatusCode, $"{endpoint}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            calls.Add((endpoint, name));
        }

        await Call("POST /api/v1/teams/", team, client.PostJsonAsync("api/v1/teams", new TeamRequest { Name = team }));
        await Call("PUT /api/v1/teams/{name}", team, client.PutAsJsonAsync($"api/v1/teams/{team}", new TeamRequest { Description = "audited" }));
        await Call("POST /api/v1/services/", service, client.PostJsonAsync("api/v1/services", new ServiceRequest { Name = service, Team = team }));
        await Call("PUT /api/v1/services/{name}", service, client.PutAsJsonAsync($"api/v1/services/{service}", new ServiceRequest { Team = team, Tier = 1 }));
        var (sli, slo) = (Names.Unique("sli"), Names.Unique("slo"));
        await Call("POST /api/v1/slis/", sli, client.PostJsonAsync("api/v1/slis", new SliRequest { Name = sli, Service = service }));
        await Call("PUT /api/v1/slis/{name}", sli, client.PutAsJsonAsync($"api/v1/slis/{sli}", new SliRequest { Service = service, Kind = "latency", LatencyThresholdMs = 200 }));
        await Call("POST /api/v1/slos/", slo, client.PostJsonAsync("api/v1/slos", new SloRequest { Name = slo, Service = service, Sli = sli, Objective = 99.9m, Window = "30d" }));
        await Call("PUT /api/v1/slos/{name}", slo, client.PutAsJsonAsync($"api/v1/slos/{slo}", new SloRequest { Service = service, Sli = sli, Objective = 99.5m, Calendar = "month" }));
        await Call("DELETE /api/v1/slos/{name}", slo, client.DeleteAsync($"api/v1/slos/{slo}"));
        var policy = Names.Unique("policy");
        var policyRequest = new ErrorBudgetPolicyRequest { Name = policy, Services = [service], Steps = [new() { RemainingAtOrBelow = 0, Decision = "freeze" }] };
        await Call("POST /api/v1/error-budget-policies/", policy, client.PostJsonAsync("api/v1/error-budget-policies", policyRequest));
        await Call("PUT /api/v1/error-budget-policies/{name}", policy, client.PutAsJsonAsync($"api/v1/error-budget-policies/{policy}", policyRequest with { ExemptLabels = [] }));
        await Call("DELETE /api/v1/error-budget-policies/{name}", policy, client.DeleteAsync($"api/v1/error-budget-policies/{policy}"));
        var window = Names.Unique("window");
        var now = TimeProvider.System.GetUtcNow();
        var windowRequest = new MaintenanceWindowRequest
        {
            Name = window, Team = team, Title = "Audited patch", Services = [service],
            Schedule = new() { Start = now.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), End = now.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) },
        };
        await Call("POST /api/v1/maintenance-windows/", window, client.PostJsonAsync("api/v1/maintenance-windows", windowRequest));
        await Call("PUT /api/v1/maintenance-windows/{name}", window, client.PutAsJsonAsync($"api/v1/maintenance-windows/{window}", windowRequest with { Title = "Audited patch, again" }));
        await Call("POST /api/v1/maintenance-windows/{name}/end", window, client.PostAsync($"api/v1/maintenance-windows/{window}/end", null));
        await Call("DELETE /api/v1/maintenance-windows/{name}", window, client.DeleteAsync($"api/v1/maintenance-windows/{window}"));
        var schedule = Names.Unique("schedule");
        var scheduleRequest = new ScheduleRequest
        {
            Name = schedule, Team = team, TimeZone = "Asia/Tokyo",
            Layers = [new() { Name = "primary", Users = [actor.Email], Turn = "weekly", Start = "2026-01-05T09:00" }],
        };
        await Call("POST /api/v1/schedules/", schedule, client.PostJsonAsync("api/v1/schedules", scheduleRequest));
        await Call("PUT /api/v1/schedules/{name}", schedule, client.PutAsJsonAsync($"api/v1/schedules/{schedule}", scheduleRequest with { Description = "Audited rotation" }));
        var takeOver = await (await client.PostJsonAsync($"api/v1/schedules/{schedule}/overrides", new ScheduleOverrideRequest { User = actor.Email, Start = now.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), End = now.AddHours(2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) }))
            .ReadAsync<ScheduleOverrideResponse>(HttpStatusCode.Created);
        calls.Add(("POST /api/v1/schedules/{name}/overrides", schedule));
        await Call("DELETE /api/v1/schedules/{name}/overrides/{id:guid}", schedule, client.DeleteAsync($"api/v1/schedules/{schedule}/overrides/{takeOver.Id}"));
        var escalation = Names.Unique("escalation");
        var escalationRequest = new EscalationPolicyRequest { Name = escalation, Team = team, Levels = [new() { EscalateAfter = "5m", Targets = [new() { Schedule = schedule }] }] };
        await Call("POST /api/v1/escalation-policies/", escalation, client.PostJsonAsync("api/v1/escalation-policies", escalationRequest));
        await Call("PUT /api/v1/escalation-policies/{name}", escalation, client.PutAsJsonAsync($"api/v1/escalation-policies/{escalation}", escalationRequest with { Repeat = 2 }));
        await Call("DELETE /api/v1/escalation-policies/{name}", escalation, client.DeleteAsync($"api/v1/escalation-policies/{escalation}"));
        await Call("DELETE /api/v1/schedules/{name}", schedule, client.DeleteAsync($"api/v1/schedules/{schedule}"));
        // Shift swaps: the actor asks a partner to cover and cancels, then answers two requests of the partner's.
        var partner = await app.CreateUserAsync(OrgRole.Member, team);
        using var partnerClient = app.Client(partner.Token);
        var rota = Names.Unique("swaps");
        (await client.PostJsonAsync("api/v1/schedules", new ScheduleRequest
        {
            Name = rota, Team = team, TimeZone = "UTC",
            Layers = [new() { Name = "days", Users = [actor.Email, partner.Email], Turn = "daily", Start = $"{now.UtcDateTime.Date.AddDays(-3):yyyy-MM-dd}T00:00" }],
        })).EnsureSuccessStatusCode();
        var rotaFinal = await (await client.GetAsync($"api/v1/schedules/{rota}/shifts")).ReadAsync<ScheduleShiftsResponse>(HttpStatusCode.OK);
        var rotaShifts = rotaFinal.Shifts.Where(s => s.Start > rotaFinal.From).ToList();
        var (myShift, theirShift) = (rotaShifts.First(s => s.Person.Email == actor.Email).Start, rotaShifts.First(s => s.Person.Email == partner.Email).Start);
        ShiftSwapRequest Swap(string user, DateTimeOffset start, int hour) => new() { User = user, Start = OnCall.ScheduleKit.At(start.AddHours(hour)), End = OnCall.ScheduleKit.At(start.AddHours(hour + 1)) };
        var asked = await (await client.PostJsonAsync($"api/v1/schedules/{rota}/swaps", Swap(partner.Email, myShift, 0))).ReadAsync<ShiftSwapResponse>(HttpStatusCode.Created);
        calls.Add(("POST /api/v1/schedules/{name}/swaps", rota));
        await Call("POST /api/v1/schedules/{name}/swaps/{id:guid}/cancel", rota, client.PostAsync($"api/v1/schedules/{rota}/swaps/{asked.Id}/cancel", null));
        var toAccept = await (await partnerClient.PostJsonAsync($"api/v1/schedules/{rota}/swaps", Swap(actor.Email, theirShift, 0))).ReadAsync<ShiftSwapResponse>(HttpStatusCode.Created);
        var toDecline = await (await partnerClient.PostJsonAsync($"api/v1/schedules/{rota}/swaps", Swap(actor.Email, theirShift, 2))).ReadAsync<ShiftSwapResponse>(HttpStatusCode.Created);
        await Call("POST /api/v1/schedules/{name}/swaps/{id:guid}/accept", rota, client.PostAsync($"api/v1/schedules/{rota}/swaps/{toAccept.Id}/accept", null));
        await Call("POST /api/v1/schedules/{name}/swaps/{id:guid}/decline", rota, client.PostAsync($"api/v1/schedules/{rota}/swaps/{toDecline.Id}/decline", null));
        var ics = $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//audit//EN\r\nBEGIN:VEVENT\r\nUID:audit-1\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:{theirShift.AddDays(2):yyyyMMdd'T'HHmmss'Z'}\r\nDTEND:{theirShift.AddDays(2).AddHours(3):yyyyMMdd'T'HHmmss'Z'}\r\nSUMMARY:{actor.Email}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        await Call("POST /api/v1/schedules/{name}/layers/{layer}/ical", rota, client.PostAsync($"api/v1/schedules/{rota}/layers/imported/ical", new StringContent(ics, System.Text.Encoding.UTF8, "text/calendar")));
        (await client.DeleteAsync($"api/v1/schedules/{rota}")).EnsureSuccessStatusCode();
        await Call("POST /api/v1/me/oncall-feed", actor.Email, client.PostAsync("api/v1/me/oncall-feed", null));
        var method = await (await client.PostJsonAsync("api/v1/users/me/contact-methods", new ContactMethodRequest { Kind = "email", Address = "pager@example.test" })).ReadAsync<ContactMethodResponse>(HttpStatusCode.Created);
        calls.Add(("POST /api/v1/users/{email}/contact-methods", actor.Email));
        await Call("PUT /api/v1/users/{email}/contact-methods/{id:guid}", actor.Email, client.PutAsJsonAsync($"api/v1/users/me/contact-methods/{method.Id}", new ContactMethodRequest { Kind = "email", Address = "pager2@example.test" }));
        await Call("PUT /api/v1/users/{email}/notification-rules", actor.Email, client.PutAsJsonAsync("api/v1/users/me/notification-rules", new NotificationRulesRequest { High = [new() { ContactMethod = method.Id, DelayMinutes = 0 }] }));
        await Call("POST /api/v1/users/{email}/contact-methods/{id:guid}/test", actor.Email, client.PostAsync($"api/v1/users/me/contact-methods/{method.Id}/test", null));
        await Call("DELETE /api/v1/users/{email}/contact-methods/{id:guid}", actor.Email, client.DeleteAsync($"api/v1/users/me/contact-methods/{method.Id}"));
        await Call("PUT /api/v1/users/{email}/oncall-profile", actor.Email, client.PutAsJsonAsync("api/v1/users/me/oncall-profile", new OnCallProfileRequest { TimeZone = "Asia/Tokyo" }));
        await Call("DELETE /api/v1/slis/{name}", sli, client.DeleteAsync($"api/v1/slis/{sli}"));
        var channel = Names.Unique("channel");
        var channelRequest = new NotificationChannelRequest { Name = channel, Team = team, Type = "email", Settings = new() { ["to"] = new System.Text.Json.Nodes.JsonArray("oncall@example.test") } };
        await Call("POST /api/v1/notification-channels/", channel, client.PostJsonAsync("api/v1/notification-channels", channelRequest));
        await Call("PUT /api/v1/notification-channels/{name}", channel, client.PutAsJsonAsync($"api/v1/notification-channels/{channel}", channelRequest with { Enabled = false }));
        await Call("POST /api/v1/notification-channels/{name}/test", channel, client.PostAsync($"api/v1/notification-channels/{channel}/test", null));
        await Call("DELETE /api/v1/notification-channels/{name}", channel, client.DeleteAsync($"api/v1/notification-channels/{channel}"));
        var check = Names.Unique("check");
        var checkRequest = new CheckRequest { Name = check, Service = service, Type = "heartbeat", Heartbeat = new HeartbeatCheckRequest { Period = "1h" } };
        await Call("POST /api/v1/checks/", check, client.PostJsonAsync("api/v1/checks", checkRequest));
        await Call("PUT /api/v1/checks/{name}", check, client.PutAsJsonAsync($"api/v1/checks/{check}", checkRequest with { Description = "The nightly export ran." }));
        await Call("POST /api/v1/checks/{name}/rotate-ping-url", check, client.PostAsync($"api/v1/checks/{check}/rotate-ping-url", null));
        await Call("DELETE /api/v1/checks/{name}", check, client.DeleteAsync($"api/v1/checks/{check}"));
        var integration = Names.Unique("int");
        var integrationRequest = new IntegrationRequest { Name = integration, Service = service, Kind = "alertmanager" };
        await Call("POST /api/v1/integrations/", integration, client.PostJsonAsync("api/v1/integrations", integrationRequest));
        await Call("PUT /api/v1/integrations/{name}", integration, client.PutAsJsonAsync($"api/v1/integrations/{integration}", integrationRequest with { Urgency = JsonSerializer.SerializeToElement(new { rule = "high" }) }));
        await Call("POST /api/v1/integrations/{name}/rotate-key", integration, client.PostAsync($"api/v1/integrations/{integration}/rotate-key", null));
        await Call("DELETE /api/v1/integrations/{name}", integration, client.DeleteAsync($"api/v1/integrations/{integration}"));
        var allowed = (await (await client.GetAsync("api/v1/check-settings")).ReadAsync<CheckSettingsRequest>(HttpStatusCode.OK)).AllowedTargets;
        var location = Names.Unique("edge");
        await Call("POST /api/v1/probe-locations/", location, client.PostJsonAsync("api/v1/probe-locations", new ProbeLocationRequest { Name = location }));
        await Call("POST /api/v1/probe-locations/{name}/rotate-token", location, client.PostAsync($"api/v1/probe-locations/{location}/rotate-token", null));
        await Call("DELETE /api/v1/probe-locations/{name}", location, client.DeleteAsync($"api/v1/probe-locations/{location}"));
        await Call("PUT /api/v1/check-settings/", "allowed-targets", client.PutAsJsonAsync("api/v1/check-settings", new CheckSettingsRequest { AllowedTargets = allowed }));
        await Call("POST /api/v1/apply", applied, client.PostJsonAsync("api/v1/apply", new ApplyRequest
        {
            Files = [new ApplyFile("a.yaml", $"apiVersion: unyo.dev/v1\nkind: Service\nmetadata:\n  name: {applied}\n  team: {team}\n")],
        }));
        var created = await (await client.PostJsonAsync("api/v1/users", new CreateUserRequest { Email = email, Password = "a long enough password" })).ReadAsync<UserResponse>(HttpStatusCode.Created);
        calls.Add(("POST /api/v1/users/", email));
        await Call("PATCH /api/v1/users/{id:guid}", email, client.PatchAsJsonAsync($"api/v1/users/{created.Id}", new UpdateUserRequest { Role = "viewer" }));
        await Call("POST /api/v1/teams/{name}/members", team, client.PostJsonAsync($"api/v1/teams/{team}/members", new AddTeamMemberRequest(email)));
        await Call("DELETE /api/v1/teams/{name}/members/{email}", team, client.DeleteAsync($"api/v1/teams/{team}/members/{email}"));
        await Call("DELETE /api/v1/users/{id:guid}/mfa", email, client.DeleteAsync($"api/v1/users/{created.Id}/mfa"));
        await SeedSessionsAsync(app, created.Id, actor.Id, actor.Id);
        await Call("DELETE /api/v1/users/{id:guid}/sessions", email, client.DeleteAsync($"api/v1/users/{created.Id}/sessions"));
        var mine = app.WithDb(db => db.UserSessions.Where(s => s.UserId == actor.Id).Select(s => s.Id).First());
        await Call("DELETE /api/v1/me/sessions/{id:guid}", actor.Email, client.DeleteAsync($"api/v1/me/sessions/{mine}"));
        await Call("DELETE /api/v1/me/sessions/", actor.Email, client.DeleteAsync("api/v1/me/sessions"));
        await Call("DELETE /api/v1/users/{id:guid}", email, client.DeleteAsync($"api/v1/users/{created.Id}"));
        var (_, _, recoveryCodes) = await MfaTestKit.EnrolAsync(client);
        calls.Add(("POST /api/v1/me/mfa/totp", actor.Email));
        calls.Add(("POST /api/v1/me/mfa/totp/confirm", actor.Email));
        var renewed = await (await client.PostJsonAsync("api/v1/me/mfa/recovery-codes", new MfaCodeRequest { Code = recoveryCodes[0] })).ReadAsync<RecoveryCodesResponse>(HttpStatusCode.OK);
        calls.Add(("POST /api/v1/me/mfa/recovery-codes", actor.Email));
        await Call("DELETE /api/v1/me/mfa/", actor.Email, client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "api/v1/me/mfa") { Content = JsonContent.Create(new MfaCodeRequest { Code = renewed.RecoveryCodes[0] }) }));
        await Call("PUT /api/v1/organisation/mfa-policy", "Unyo", client.PutAsJsonAsync("api/v1/organisation/mfa-policy", new MfaPolicyRequest { Policy = "none" }));
        var token = await (await client.PostJsonAsync("api/v1/tokens", new CreateTokenRequest { Name = "audited-token" })).ReadAsync<CreatedTokenResponse>(HttpStatusCode.Created);
        calls.Add(("POST /api/v1/tokens/", "audited-token"));
        await Call("POST /api/v1/tokens/{id:guid}/rotate", "audited-token", client.PostAsync($"api/v1/tokens/{token.Id}/rotate", null));
        await Call("DELETE /api/v1/tokens/{id:guid}", "audited-token", client.DeleteAsync($"api/v1/tokens/{token.Id}"));
        var teamToken = await (await client.PostJsonAsync($"api/v1/teams/{team}/tokens", new CreateTokenRequest { Name = "audited-team-token" })).ReadAsync<CreatedTokenResponse>(HttpStatusCode.Created);
        calls.Add(("POST /api/v1/teams/{name}/tokens/", "audited-team-token"));
        await Call("POST /api/v1/teams/{name}/tokens/{id:guid}/rotate", "audited-team-token", client.PostAsync($"api/v1/teams/{team}/tokens/{teamToken.Id}/rotate", null));
        await Call("DELETE /api/v1/teams/{name}/tokens/{id:guid}", "audited-team-token", client.DeleteAsync($"api/v1/teams/{team}/tokens/{teamToken.Id}"));
        var gateOverride = await (await client.PostJsonAsync($"api/v1/services/{service}/release-gate/overrides", new CreateGateOverrideRequest { Reason = "Audited emergency release" }))
            .ReadAsync<GateOverrideResponse>(HttpStatusCode.Created);
        calls.Add(("POST /api/v1/services/{name}/release-gate/overrides", service));
        await Call("DELETE /api/v1/services/{name}/release-gate/overrides/{id:guid}", service, client.DeleteAsync($"api/v1/services/{service}/release-gate/overrides/{gateOverride.Id}"));
        var silence = Names.Unique("silence");
        var silenceRequest = new SilenceRequest { Name = silence, Team = team, Matchers = [new() { Name = "service", Value = service }], Duration = "1h", Comment = "Audited deploy" };
        await Call("POST /api/v1/silences/", silence, client.PostJsonAsync("api/v1/silences", silenceRequest));
        await Call("PUT /api/v1/silences/{name}", silence, client.PutAsJsonAsync($"api/v1/silences/{silence}", silenceRequest with { Duration = "2h" }));
        await Call("POST /api/v1/silences/{name}/expire", silence, client.PostAsync($"api/v1/silences/{silence}/expire", null));
        await Call("DELETE /api/v1/silences/{name}", silence, client.DeleteAsync($"api/v1/silences/{silence}"));
        var alerts = await Alerts.AlertApiKit.TriggerAsync(app, service, ("audited-a", "Audited outage", "critical"), ("audited-b", "Audited disk", "warning"));
        var (a, b) = (alerts[0].ToString(System.Globalization.CultureInfo.InvariantCulture), alerts[1].ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Call("POST /api/v1/alerts/acknowledge", a, client.PostJsonAsync("api/v1/alerts/acknowledge", new BulkAcknowledgeRequest { Ids = [alerts[0]] }));
        await Call("POST /api/v1/alerts/{id}/snooze", a, client.PostJsonAsync($"api/v1/alerts/{a}/snooze", new SnoozeAlertRequest { Minutes = 30 }));
        await Call("POST /api/v1/alerts/{id}/notes", a, client.PostJsonAsync($"api/v1/alerts/{a}/notes", new AlertNoteRequest { Text = "Audited note" }));
        await Call("POST /api/v1/alerts/{id}/reassign", a, client.PostJsonAsync($"api/v1/alerts/{a}/reassign", new ReassignAlertRequest { User = actor.Email }));
        // Incidents: declared, worked through every endpoint, merged; and the incident policy.
        var incidentPolicy = await (await client.GetAsync("api/v1/incident-policy")).ReadAsync<IncidentPolicyResponse>(HttpStatusCode.OK);
        await Call("PUT /api/v1/incident-policy/", "default", client.PutAsJsonAsync("api/v1/incident-policy", incidentPolicy.Spec));
        var incidentAlert = (await Alerts.AlertApiKit.TriggerAsync(app, service, (Names.Unique("inc"), "Checkout down", "critical")))[0];
        var declared = await (await client.PostJsonAsync("api/v1/incidents", new DeclareIncidentRequest { Title = "Checkout down", Severity = 2 })).ReadAsync<IncidentDetailResponse>(HttpStatusCode.Created);
        var inc = declared.Incident.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        calls.Add(("POST /api/v1/incidents/", inc));
        await Call("PATCH /api/v1/incidents/{id}", inc, client.PatchAsJsonAsync($"api/v1/incidents/{inc}", new UpdateIncidentRequest { Status = "identified" }));
        await Call("POST /api/v1/incidents/{id}/notes", inc, client.PostJsonAsync($"api/v1/incidents/{inc}/notes", new IncidentNoteRequest { Text = "Rolled back." }));
        await Call("PUT /api/v1/incidents/{id}/roles/{role}", inc, client.PutAsJsonAsync($"api/v1/incidents/{inc}/roles/scribe", new AssignIncidentRoleRequest { User = actor.Email }));
        await Call("DELETE /api/v1/incidents/{id}/roles/{role}", inc, client.DeleteAsync($"api/v1/incidents/{inc}/roles/scribe"));
        await Call("POST /api/v1/incidents/{id}/services", inc, client.PostJsonAsync($"api/v1/incidents/{inc}/services", new IncidentServiceRequest { Service = service }));
        await Call("DELETE /api/v1/incidents/{id}/services/{service}", inc, client.DeleteAsync($"api/v1/incidents/{inc}/services/{service}"));
        await Call("POST /api/v1/incidents/{id}/alerts", inc, client.PostJsonAsync($"api/v1/incidents/{inc}/alerts", new IncidentAlertRequest { Alert = incidentAlert }));
        await Call("DELETE /api/v1/incidents/{id}/alerts/{alert}", inc, client.DeleteAsync($"api/v1/incidents/{inc}/alerts/{incidentAlert}"));
        await Call("PUT /api/v1/incidents/{id}/visibility", inc, client.PutAsJsonAsync($"api/v1/incidents/{inc}/visibility", new IncidentVisibilityRequest { Private = true, Teams = [team] }));
        await Call("POST /api/v1/incidents/{id}/resolve", inc, client.PostAsync($"api/v1/incidents/{inc}/resolve", null));
        var duplicate = (await (await client.PostJsonAsync("api/v1/incidents", new DeclareIncidentRequest { Title = "Checkout 5xx", Severity = 2 })).ReadAsync<IncidentDetailResponse>(HttpStatusCode.Created)).Incident.Id;
        await Call("POST /api/v1/incidents/{id}/merge", duplicate.ToString(System.Globalization.CultureInfo.InvariantCulture), client.PostJsonAsync($"api/v1/incidents/{duplicate}/merge", new MergeIncidentRequest { Into = declared.Incident.Id }));
        await Call("POST /api/v1/alerts/{id}/resolve", a, client.PostAsync($"api/v1/alerts/{a}/resolve", null));
        await Call("POST /api/v1/alerts/{id}/acknowledge", b, client.PostAsync($"api/v1/alerts/{b}/acknowledge", null));
        var route = Names.Unique("route");
        var routeChannel = Names.Unique("chat");
        var routeChannelId = await Notifications.RoutesKit.CreateChannelAsync(app, team, routeChannel, Features.Notifications.ChannelUse.Chat);
        // A dead letter written as the dispatcher leaves one; the channel has no URL, so the retry dies again without leaving the machine.
        var letter = Guid.NewGuid();
        app.WithDb(db =>
        {
            db.Notifications.Add(new Features.Notifications.Outbox.Notification
            {
                Id = letter, ChannelId = routeChannelId, AlertId = alerts[1], Message = "{}", Status = Features.Notifications.Outbox.NotificationStatus.Dead,
                Attempts = 1, CreatedAt = now, NextAttemptAt = now, GiveUpAt = now, LastError = "no such webhook",
            });
            return db.SaveChanges();
        });
        await Call("POST /api/v1/notifications/{id:guid}/retry", letter.ToString(), client.PostAsync($"api/v1/notifications/{letter}/retry", null));
        var routeRequest = new AlertRouteRequest { Name = route, Team = team, Match = new() { Services = [service] }, Targets = new() { Channels = [routeChannel] } };
        await Call("POST /api/v1/alert-routes/", route, client.PostJsonAsync("api/v1/alert-routes", routeRequest));
        await Call("PUT /api/v1/alert-routes/{name}", route, client.PutAsJsonAsync($"api/v1/alert-routes/{route}", routeRequest with { Continue = true }));
        await Call("DELETE /api/v1/alert-routes/{name}", route, client.DeleteAsync($"api/v1/alert-routes/{route}"));
        app.WithDb(db => db.NotificationChannels.Where(c => c.Name == routeChannel).ExecuteDelete());
        await PostmortemCallsAsync(app, client, Call);
        await Call("DELETE /api/v1/services/{name}", service, client.DeleteAsync($"api/v1/services/{service}"));
        (await client.DeleteAsync($"api/v1/services/{applied}")).EnsureSuccessStatusCode();
        await Call("DELETE /api/v1/teams/{name}", team, client.DeleteAsync($"api/v1/teams/{team}"));
        // Status pages (the incident is a row until the incidents API is merged).
        var statusTeam = Names.Unique("team");
        var statusService = Names.Unique("svc");
        (await client.PostJsonAsync("api/v1/teams", new TeamRequest { Name = statusTeam })).EnsureSuccessStatusCode();
        (await client.PostJsonAsync("api/v1/services", new ServiceRequest { Name = statusService, Team = statusTeam })).EnsureSuccessStatusCode();
        var statusPage = Names.Unique("status");
        var statusRequest = new StatusPageRequest { Name = statusPage, Team = statusTeam, Title = "Audited", Components = [new() { Service = statusService }] };
        await Call("POST /api/v1/status-pages/", statusPage, client.PostJsonAsync("api/v1/status-pages", statusRequest));
        await Call("PUT /api/v1/status-pages/{name}", statusPage, client.PutAsJsonAsync($"api/v1/status-pages/{statusPage}", statusRequest with { Title = "Audited again" }));
        // Removed before anything is published: nothing is ever sent to it.
        var hookResponse = await client.PostJsonAsync($"api/v1/status-pages/{statusPage}/webhooks", new StatusWebhookRequest { Url = "https://hooks.example.test/audited" });
        var hook = await hookResponse.Content.ReadFromJsonAsync<StatusWebhookResponse>(HttpAssertions.Json);
        await Call("POST /api/v1/status-pages/{name}/webhooks", statusPage, Task.FromResult(hookResponse));
        await Call("DELETE /api/v1/status-pages/{name}/webhooks/{id:guid}", statusPage, client.DeleteAsync($"api/v1/status-pages/{statusPage}/webhooks/{hook!.Id}"));
        var statusIncident = await StatusPages.StatusPageKit.IncidentAsync(app, "Audited incident", 3, [statusService]);
        await Call("POST /api/v1/incidents/{id}/status-updates/", statusIncident.ToString(System.Globalization.CultureInfo.InvariantCulture),
            StatusPages.StatusPageKit.PublishAsync(client, statusIncident, "investigating", "Audited update", statusPage));
        await Call("DELETE /api/v1/status-pages/{name}", statusPage, client.DeleteAsync($"api/v1/status-pages/{statusPage}"));
        (await client.DeleteAsync($"api/v1/services/{statusService}")).EnsureSuccessStatusCode();
        (await client.DeleteAsync($"api/v1/teams/{statusTeam}")).EnsureSuccessStatusCode();
        var idp = Names.Unique("idp");
        var idpRequest = new IdentityProviderRequest { Name = idp, Issuer = "https://login.example.test", ClientId = "unyo", ClientSecret = "audited-secret" };
        await Call("POST /api/v1/sso/providers/", idp, client.PostJsonAsync("api/v1/sso/providers", idpRequest));
        await Call("PUT /api/v1/sso/providers/{name}", idp, client.PutAsJsonAsync($"api/v1/sso/providers/{idp}", idpRequest with { ClientSecret = null, JitProvisioning = true }));
        await Call("DELETE /api/v1/sso/providers/{name}", idp, client.DeleteAsync($"api/v1/sso/providers/{idp}"));

        var records = await (await app.Admin().GetAsync($"api/v1/audit?actor={Uri.EscapeDataString(actor.Email)}&limit=200")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK);

        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), calls.Select(c => c.Endpoint).Order(StringComparer.Ordinal));
        foreach (var (endpoint, name) in calls)
        {
            Assert.True(records.Items.Any(r => r.Action == Expected[endpoint] && r.ObjectName == name),
                $"{endpoint} left no '{Expected[endpoint]}' record for '{name}'; found: {string.Join(", ", records.Items.Select(r => $"{r.Action} {r.ObjectName}"))}");
        }
        Assert.All(records.Items, r => Assert.Equal($"token:", r.Credential[..6]));
        Assert.Contains(records.Items, r => r.Action == "service.create" && r.ObjectName == applied && r.Source == "apply");
    }

    // Postmortems hang off incidents, which are rows here until the incidents API is merged.
    private static async Task PostmortemCallsAsync(UnyoApp app, HttpClient client, Func<string, string, Task<HttpResponseMessage>, Task> call)
    {
        var (_, _, serviceId, _) = await Postmortems.IncidentKit.ServiceAsync(app);
        var detected = new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);
        var first = await Postmortems.IncidentKit.IncidentAsync(app, serviceId, detected, detected.AddHours(1));
        var second = await Postmortems.IncidentKit.IncidentAsync(app, serviceId, detected, detected.AddHours(1));
        var created = await client.PostJsonAsync("api/v1/postmortems", new CreatePostmortemRequest { Incident = first });
        var id = (await created.Content.ReadFromJsonAsync<PostmortemResponse>(HttpAssertions.Json))?.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
        await call("POST /api/v1/postmortems/", id, Task.FromResult(created));
        var other = await client.PostAsync($"api/v1/incidents/{second}/postmortem", null);
        var otherId = (await other.Content.ReadFromJsonAsync<PostmortemResponse>(HttpAssertions.Json))?.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
        await call("POST /api/v1/incidents/{id}/postmortem", otherId, Task.FromResult(other));
        await call("PUT /api/v1/postmortems/{id}", id, client.PutAsJsonAsync($"api/v1/postmortems/{id}", new UpdatePostmortemRequest { ImpactUsers = "all of them" }));
        await call("POST /api/v1/postmortems/{id}/transition", id, client.PostJsonAsync($"api/v1/postmortems/{id}/transition", new PostmortemTransitionRequest { State = "in_review" }));
        await call("POST /api/v1/postmortems/{id}/timeline/refresh", id, client.PostAsync($"api/v1/postmortems/{id}/timeline/refresh", null));
        await call("POST /api/v1/postmortems/{id}/comments", id, client.PostJsonAsync($"api/v1/postmortems/{id}/comments", new PostmortemCommentRequest { Text = "Audited." }));
        var item = await client.PostJsonAsync($"api/v1/postmortems/{id}/action-items", new ActionItemRequest { Title = "Audited item" });
        var itemId = (await item.Content.ReadFromJsonAsync<ActionItemResponse>(HttpAssertions.Json))?.Id ?? 0;
        await call("POST /api/v1/postmortems/{id}/action-items", $"{id}/{itemId}", Task.FromResult(item));
        await call("PUT /api/v1/postmortems/{id}/action-items/{item}", $"{id}/{itemId}",
            client.PutAsJsonAsync($"api/v1/postmortems/{id}/action-items/{itemId}", new ActionItemRequest { Title = "Audited item", Status = "done" }));
    }

    // Browser sessions for people who never open a browser here: rows as WebSessions writes them.
    private static async Task SeedSessionsAsync(UnyoApp app, params Guid[] userIds)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        var now = TimeProvider.System.GetUtcNow();
        foreach (var userId in userIds)
        {
            db.UserSessions.Add(new UserSession { Id = Guid.NewGuid(), UserId = userId, Method = "password", CreatedAt = now, LastSeenAt = now, ExpiresAt = now.AddDays(1) });
        }
        await db.SaveChangesAsync();
    }

    [Theory, DatabaseData]
    public async Task AnUpdateKeepsBeforeAndAfterAndNoSecrets(string provider)
    {
        var app = await servers.GetAsync(provider);
        var actor = await app.CreateUserAsync(OrgRole.Admin);
        using var client = app.Client(actor.Token);
        var team = Names.Unique("team");
        (await client.PostJsonAsync("api/v1/teams", new TeamRequest { Name = team, DisplayName = "Before" })).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync($"api/v1/teams/{team}", new TeamRequest { DisplayName = "After" })).EnsureSuccessStatusCode();
        (await client.PostJsonAsync("api/v1/tokens", new CreateTokenRequest { Name = "secret-holder" })).EnsureSuccessStatusCode();

        var update = (await (await app.Admin().GetAsync($"api/v1/audit?kind=Team&name={team}&action=team.update")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK)).Items.Single();
        var token = (await (await app.Admin().GetAsync($"api/v1/audit?actor={Uri.EscapeDataString(actor.Email)}&action=token")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK)).Items.Single();

        Assert.Equal("Before", JsonDocument.Parse(update.Before!).RootElement.GetProperty("spec").GetProperty("displayName").GetString());
        Assert.Equal("After", JsonDocument.Parse(update.After!).RootElement.GetProperty("spec").GetProperty("displayName").GetString());
        Assert.Equal((actor.Email, "api"), (update.ActorEmail, update.Source));
        Assert.NotNull(update.Ip);
        Assert.DoesNotContain("hash", token.After!, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("token\":\"unyo_", token.After!, StringComparison.Ordinal);
    }

    [Theory, DatabaseData]
    public async Task SignInsAreRecordedWhetherTheyWorkOrNot(string provider)
    {
        var app = await servers.GetAsync(provider);
        var email = $"{Guid.NewGuid():N}@example.test";
        (await app.Admin().PostJsonAsync("api/v1/users", new CreateUserRequest { Email = email, Password = "the right password" })).EnsureSuccessStatusCode();
        using (var scope = app.Services.CreateScope())
        {
            var signIn = scope.ServiceProvider.GetRequiredService<PasswordSignIn>();
            Assert.Null(await signIn.CheckAsync(email, "the wrong password", CancellationToken.None));
            Assert.NotNull(await signIn.CheckAsync(email, "the right password", CancellationToken.None));
        }

        var records = await (await app.Admin().GetAsync($"api/v1/audit?kind=User&name={Uri.EscapeDataString(email)}&action=signin")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK);

        Assert.Equal(["signin.succeeded", "signin.failed"], records.Items.Select(r => r.Action));
        Assert.All(records.Items, r => Assert.Equal(email, r.ActorEmail));
    }

    [Theory, DatabaseData]
    public async Task OnlyAdminsReadTheAuditLogAndItPagesNewestFirst(string provider)
    {
        var app = await servers.GetAsync(provider);
        var member = await app.CreateUserAsync(OrgRole.Member);
        var actor = await app.CreateUserAsync(OrgRole.Admin);
        for (var i = 0; i < 3; i++)
        {
            (await app.Client(actor.Token).PostJsonAsync("api/v1/teams", new TeamRequest { Name = Names.Unique("paged") })).EnsureSuccessStatusCode();
        }

        var forbidden = await app.Client(member.Token).GetAsync("api/v1/audit");
        var first = await (await app.Admin().GetAsync($"api/v1/audit?actor={Uri.EscapeDataString(actor.Email)}&limit=2")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK);
        var second = await (await app.Admin().GetAsync($"api/v1/audit?actor={Uri.EscapeDataString(actor.Email)}&limit=2&cursor={first.NextCursor}")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK);
        var badRange = await (await app.Admin().GetAsync("api/v1/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")).ProblemAsync(HttpStatusCode.BadRequest);

        await forbidden.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(2, first.Items.Count);
        Assert.True(first.Items[0].Id > first.Items[1].Id);
        Assert.Single(second.Items);
        Assert.Null(second.NextCursor);
        Assert.True(second.Items[0].Id < first.Items[1].Id);
        Assert.Contains("to", badRange.Keys);
    }
}
