using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Client;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Accounts;

public sealed partial class RoleMatrixTests
{
    /// A call on the fixture team's objects. Guarded: it changes what the team owns, so besides
    /// the policy only admins and members of the owning team may. Status: what an allowed caller
    /// gets. Restore: puts the fixture back after a call that succeeded and changed it.
    private sealed record OwnedCall(HttpRequestMessage Request, bool Guarded, int Status = 200, Func<HttpResponseMessage, Task>? Restore = null);

    // Operations on services, on what hangs off them (checks, SLIs, SLOs, error-budget policies, maintenance windows, notification channels, the release gate) and on a team
    // (its members, its tokens) act on what a team owns. A new one fails the test until it is
    // listed here; so does an entry whose operation went away.
    private static bool IsOwned(string operation) =>
        !PublicEndpoints.IsAnonymous(operation)
        && new[] { " /api/v1/services", " /api/v1/teams/{name}", " /api/v1/slis", " /api/v1/slos", " /api/v1/error-budget-policies", " /api/v1/checks", " /api/v1/maintenance-windows", " /api/v1/integrations", " /api/v1/silences", " /api/v1/alert-routes", " /api/v1/notification-channels", " /api/v1/alerts/", " /api/v1/schedules", " /api/v1/oncall", "/oncall.ics", " /api/v1/escalation-policies", " /api/v1/status-pages", "/status-updates" }
            .Any(p => operation.Contains(p, StringComparison.Ordinal));

    private static readonly Dictionary<string, Func<MatrixFixture, OwnedCall>> OwnedCalls = new()
    {
        ["GET /api/v1/services"] = f => new(Get($"api/v1/services?team={MatrixFixture.OwningTeam}"), Guarded: false),
        ["GET /api/v1/services/{name}"] = f => new(Get($"api/v1/services/{MatrixFixture.Service}"), Guarded: false),
        ["POST /api/v1/services"] = f => new(Send(HttpMethod.Post, "api/v1/services", new ServiceRequest { Name = Names.Unique("matrix-new"), Team = MatrixFixture.OwningTeam }),
            Guarded: true, Status: 201, Restore: async r => await f.DeleteServiceAsync((await r.Content.ReadFromJsonAsync<ServiceResponse>(HttpAssertions.Json))!.Name)),
        ["PUT /api/v1/services/{name}"] = f => new(Send(HttpMethod.Put, $"api/v1/services/{MatrixFixture.Service}", new ServiceRequest { Team = MatrixFixture.OwningTeam, Tier = 2 }), Guarded: true),
        // Its SLI and SLO still hang off it: an allowed caller gets past authorization to the 409.
        ["DELETE /api/v1/services/{name}"] = f => new(Send(HttpMethod.Delete, $"api/v1/services/{MatrixFixture.Service}"), Guarded: true, Status: 409),
        ["GET /api/v1/slis"] = f => new(Get($"api/v1/slis?service={MatrixFixture.Service}"), Guarded: false),
        ["GET /api/v1/slis/{name}"] = f => new(Get($"api/v1/slis/{MatrixFixture.Sli}"), Guarded: false),
        ["POST /api/v1/slis"] = f => new(Send(HttpMethod.Post, "api/v1/slis", new SliRequest { Name = Names.Unique("matrix-sli"), Service = MatrixFixture.Service }),
            Guarded: true, Status: 201, Restore: async r => await f.DeleteAsync("slis", (await r.Content.ReadFromJsonAsync<SliResponse>(HttpAssertions.Json))!.Name)),
        ["PUT /api/v1/slis/{name}"] = f => new(Send(HttpMethod.Put, $"api/v1/slis/{MatrixFixture.Sli}", new SliRequest { Service = MatrixFixture.Service, Description = "Requests answered without a 5xx." }), Guarded: true),
        // The fixture SLO uses it: an allowed caller gets past authorization to the 409.
        ["DELETE /api/v1/slis/{name}"] = f => new(Send(HttpMethod.Delete, $"api/v1/slis/{MatrixFixture.Sli}"), Guarded: true, Status: 409),
        ["GET /api/v1/slos"] = f => new(Get($"api/v1/slos?service={MatrixFixture.Service}"), Guarded: false),
        ["GET /api/v1/slos/{name}"] = f => new(Get($"api/v1/slos/{MatrixFixture.Slo}"), Guarded: false),
        ["GET /api/v1/slos/{name}/status"] = f => new(Get($"api/v1/slos/{MatrixFixture.Slo}/status"), Guarded: false),
        ["GET /api/v1/slos/{name}/alerts"] = f => new(Get($"api/v1/slos/{MatrixFixture.Slo}/alerts"), Guarded: false),
        ["GET /api/v1/slos/{name}/sla-report"] = f => new(Get($"api/v1/slos/{MatrixFixture.Slo}/sla-report"), Guarded: false),
        // The fixture SLO's SLI is native: a reader gets past authorization to the 409.
        ["GET /api/v1/slos/{name}/prometheus-rules"] = f => new(Get($"api/v1/slos/{MatrixFixture.Slo}/prometheus-rules"), Guarded: false, Status: 409),
        ["POST /api/v1/slos"] = f => new(Send(HttpMethod.Post, "api/v1/slos", MatrixFixture.SloBody(Names.Unique("matrix-slo"))),
            Guarded: true, Status: 201, Restore: async r => await f.DeleteAsync("slos", (await r.Content.ReadFromJsonAsync<SloResponse>(HttpAssertions.Json))!.Name)),
        ["PUT /api/v1/slos/{name}"] = f => new(Send(HttpMethod.Put, $"api/v1/slos/{MatrixFixture.Slo}", MatrixFixture.SloBody(null) with { Objective = 99.5m }), Guarded: true),
        ["DELETE /api/v1/slos/{name}"] = f => new(Send(HttpMethod.Delete, $"api/v1/slos/{MatrixFixture.Slo}"), Guarded: true, Status: 204, Restore: _ => f.CreateSloAsync()),
        ["GET /api/v1/checks"] = f => new(Get($"api/v1/checks?service={MatrixFixture.Service}"), Guarded: false),
        ["GET /api/v1/checks/{name}"] = f => new(Get($"api/v1/checks/{MatrixFixture.Check}"), Guarded: false),
        ["GET /api/v1/checks/{name}/results"] = f => new(Get($"api/v1/checks/{MatrixFixture.Check}/results"), Guarded: false),
        ["GET /api/v1/checks/{name}/minutes"] = f => new(Get($"api/v1/checks/{MatrixFixture.Check}/minutes"), Guarded: false),
        ["GET /api/v1/checks/{name}/history"] = f => new(Get($"api/v1/checks/{MatrixFixture.Check}/history"), Guarded: false),
        ["POST /api/v1/checks"] = f => new(Send(HttpMethod.Post, "api/v1/checks", MatrixFixture.CheckBody(Names.Unique("matrix-check"))),
            Guarded: true, Status: 201, Restore: async r => await f.DeleteAsync("checks", (await r.Content.ReadFromJsonAsync<CheckResponse>(HttpAssertions.Json))!.Name)),
        ["PUT /api/v1/checks/{name}"] = f => new(Send(HttpMethod.Put, $"api/v1/checks/{MatrixFixture.Check}", MatrixFixture.CheckBody(null) with { Description = "The nightly job ran." }), Guarded: true),
        ["POST /api/v1/checks/{name}/rotate-ping-url"] = f => new(Send(HttpMethod.Post, $"api/v1/checks/{MatrixFixture.Check}/rotate-ping-url"), Guarded: true),
        ["DELETE /api/v1/checks/{name}"] = f => new(Send(HttpMethod.Delete, $"api/v1/checks/{MatrixFixture.Check}"), Guarded: true, Status: 204, Restore: _ => f.CreateCheckAsync()),
        ["GET /api/v1/teams/{name}"] = f => new(Get($"api/v1/teams/{MatrixFixture.OwningTeam}"), Guarded: false),
        ["PUT /api/v1/teams/{name}"] = f => new(Send(HttpMethod.Put, $"api/v1/teams/{MatrixFixture.OwningTeam}", new TeamRequest { Description = "Owns what the role matrix calls." }), Guarded: true),
        // Admins only; the team still owns the fixture service, so the handler refuses after authorization.
        ["DELETE /api/v1/teams/{name}"] = f => new(Send(HttpMethod.Delete, $"api/v1/teams/{MatrixFixture.OwningTeam}"), Guarded: true, Status: 409),
        // The bystander is a member already: adding them again changes nothing.
        ["POST /api/v1/teams/{name}/members"] = f => new(Send(HttpMethod.Post, $"api/v1/teams/{MatrixFixture.OwningTeam}/members", new AddTeamMemberRequest(f.Bystander)), Guarded: true),
        ["DELETE /api/v1/teams/{name}/members/{email}"] = f => new(Send(HttpMethod.Delete, $"api/v1/teams/{MatrixFixture.OwningTeam}/members/{f.Bystander}"),
            Guarded: true, Status: 204, Restore: _ => f.AddBystanderAsync()),
        ["GET /api/v1/teams/{name}/tokens"] = f => new(Get($"api/v1/teams/{MatrixFixture.OwningTeam}/tokens"), Guarded: true),
        ["POST /api/v1/teams/{name}/tokens"] = f => new(Send(HttpMethod.Post, $"api/v1/teams/{MatrixFixture.OwningTeam}/tokens", new CreateTokenRequest { Name = "matrix" }),
            Guarded: true, Status: 201, Restore: async r => await f.RevokeTeamTokenAsync((await r.Content.ReadFromJsonAsync<CreatedTokenResponse>(HttpAssertions.Json))!.Id)),
        ["DELETE /api/v1/teams/{name}/tokens/{id}"] = f => new(Send(HttpMethod.Delete, $"api/v1/teams/{MatrixFixture.OwningTeam}/tokens/{f.SpareTokenId}"),
            Guarded: true, Status: 204, Restore: _ => f.CreateSpareTokenAsync()),
        ["POST /api/v1/teams/{name}/tokens/{id}/rotate"] = f => new(Send(HttpMethod.Post, $"api/v1/teams/{MatrixFixture.OwningTeam}/tokens/{f.SpareTokenId}/rotate"), Guarded: true),
        ["GET /api/v1/services/{name}/changes"] = f => new(Get($"api/v1/services/{MatrixFixture.Service}/changes"), Guarded: false),
        ["GET /api/v1/services/{name}/error-budget-policy"] = f => new(Get($"api/v1/services/{MatrixFixture.Service}/error-budget-policy"), Guarded: false),
        ["GET /api/v1/error-budget-policies"] = f => new(Get("api/v1/error-budget-policies"), Guarded: false),
        ["GET /api/v1/error-budget-policies/{name}"] = f => new(Get($"api/v1/error-budget-policies/{MatrixFixture.Policy}"), Guarded: false),
        // For the fixture's spare service, which no policy governs yet.
        ["POST /api/v1/error-budget-policies"] = f => new(Send(HttpMethod.Post, "api/v1/error-budget-policies", MatrixFixture.PolicyBody(Names.Unique("matrix-policy"), MatrixFixture.SpareService)),
            Guarded: true, Status: 201, Restore: async r => await f.DeleteAsync("error-budget-policies", (await r.Content.ReadFromJsonAsync<ErrorBudgetPolicyResponse>(HttpAssertions.Json))!.Name)),
        ["PUT /api/v1/error-budget-policies/{name}"] = f => new(Send(HttpMethod.Put, $"api/v1/error-budget-policies/{MatrixFixture.Policy}", MatrixFixture.PolicyBody(null, MatrixFixture.Service) with { FreezeWhilePaging = false }), Guarded: true),
        ["DELETE /api/v1/error-budget-policies/{name}"] = f => new(Send(HttpMethod.Delete, $"api/v1/error-budget-policies/{MatrixFixture.Policy}"), Guarded: true, Status: 204, Restore: _ => f.CreatePolicyAsync()),
        ["GET /api/v1/services/{name}/release-gate"] = f => new(Get($"api/v1/services/{MatrixFixture.Service}/release-gate"), Guarded: false),
        ["GET /api/v1/services/{name}/release-gate/overrides"] = f => new(Get($"api/v1/services/{MatrixFixture.Service}/release-gate/overrides"), Guarded: false),
        ["POST /api/v1/services/{name}/release-gate/overrides"] = f => new(Send(HttpMethod.Post, $"api/v1/services/{MatrixFixture.Service}/release-gate/overrides", new CreateGateOverrideRequest { Reason = "The role matrix ships anyway" }),
            Guarded: true, Status: 201, Restore: async r => await f.EndOverrideAsync((await r.Content.ReadFromJsonAsync<GateOverrideResponse>(HttpAssertions.Json))!.Id)),
        ["DELETE /api/v1/services/{name}/release-gate/overrides/{id}"] = f => new(Send(HttpMethod.Delete, $"api/v1/services/{MatrixFixture.Service}/release-gate/overrides/{f.SpareOverrideId}"),
            Guarded: true, Status: 204, Restore: _ => f.CreateSpareOverrideAsync()),
        ["GET /api/v1/maintenance-windows"] = f => new(Get($"api/v1/maintenance-windows?team={MatrixFixture.OwningTeam}"), Guarded: false),
        ["GET /api/v1/maintenance-windows/{name}"] = f => new(Get($"api/v1/maintenance-windows/{MatrixFixture.Window}"), Guarded: false),
        ["GET /api/v1/maintenance-windows/{name}/occurrences"] = f => new(Get($"api/v1/maintenance-windows/{MatrixFixture.Window}/occurrences"), Guarded: false),
        ["POST /api/v1/maintenance-windows"] = f => new(Send(HttpMethod.Post, "api/v1/maintenance-windows", MatrixFixture.WindowBody(Names.Unique("matrix-window"))),
            Guarded: true, Status: 201, Restore: async r => await f.DeleteAsync("maintenance-windows", (await r.Content.ReadFromJsonAsync<MaintenanceWindowResponse>(HttpAssertions.Json))!.Name)),
        ["PUT /api/v1/maintenance-windows/{name}"] = f => new(Send(HttpMethod.Put, $"api/v1/maintenance-windows/{MatrixFixture.Window}", MatrixFixture.WindowBody(null) with { Title = "Patch day, moved" }), Guarded: true),
        ["DELETE /api/v1/maintenance-windows/{name}"] = f => new(Send(HttpMethod.Delete, $"api/v1/maintenance-windows/{MatrixFixture.Window}"), Guarded: true, Status: 204, Restore: _ => f.CreateWindowAsync()),
        // The fixture window is not under way: an allowed caller gets past authorization to the 409.
        ["POST /api/v1/maintenance-windows/{name}/end"] = f => new(Send(HttpMethod.Post, $"api/v1/maintenance-windows/{MatrixFixture.Window}/end"), Guarded: true, Status: 409),
        ["GET /api/v1/schedules"] = f => new(Get($"api/v1/schedules?team={MatrixFixture.OwningTeam}"), Guarded: false),
        ["GET /api/v1/schedules/{name}"] = f => new(Get($"api/v1/schedules/{MatrixFixture.Schedule}"), Guarded: false),
        ["GET /api/v1/schedules/{name}/oncall"] = f => new(Get($"api/v1/schedules/{MatrixFixture.Schedule}/oncall"), Guarded: false),
        ["GET /api/v1/schedules/{name}/shifts"] = f => new(Get($"api/v1/schedules/{MatrixFixture.Schedule}/shifts"), Guarded: false),
        ["GET /api/v1/schedules/{name}/calendar.ics"] = f => new(Get($"api/v1/schedules/{MatrixFixture.Schedule}/calendar.ics"), Guarded: false),
        ["GET /api/v1/oncall"] = f => new(Get($"api/v1/oncall?team={MatrixFixture.OwningTeam}"), Guarded: false),
        ["GET /api/v1/oncall/analytics"] = f => new(Get($"api/v1/oncall/analytics?team={MatrixFixture.OwningTeam}"), Guarded: false),
        ["GET /api/v1/users/{email}/oncall.ics"] = f => new(Get($"api/v1/users/{Uri.EscapeDataString(f.Bystander)}/oncall.ics"), Guarded: false),
        ["POST /api/v1/schedules"] = f => new(Send(HttpMethod.Post, "api/v1/schedules", f.ScheduleBody(Names.Unique("matrix-schedule"))),
            Guarded: true, Status: 201, Restore: async r => await f.DeleteAsync("schedules", (await r.Content.ReadFromJsonAsync<ScheduleResponse>(HttpAssertions.Json))!.Name)),
        ["PUT /api/v1/schedules/{name}"] = f => new(Send(HttpMethod.Put, $"api/v1/schedules/{MatrixFixture.Schedule}", f.ScheduleBody(null) with { Description = "Rotates weekly" }), Guarded: true),
        ["GET /api/v1/escalation-policies"] = f => new(Get($"api/v1/escalation-policies?team={MatrixFixture.OwningTeam}"), Guarded: false),
        ["GET /api/v1/escalation-policies/{name}"] = f => new(Get($"api/v1/escalation-policies/{MatrixFixture.Escalation}"), Guarded: false),
        ["POST /api/v1/escalation-policies"] = f => new(Send(HttpMethod.Post, "api/v1/escalation-policies", f.EscalationBody(Names.Unique("matrix-escalation"))),
            Guarded: true, Status: 201, Restore: async r => await f.DeleteAsync("escalation-policies", (await r.Content.ReadFromJsonAsync<EscalationPolicyResponse>(HttpAssertions.Json))!.Name)),
        ["PUT /api/v1/escalation-policies/{name}"] = f => new(Send(HttpMethod.Put, $"api/v1/escalation-policies/{MatrixFixture.Escalation}", f.EscalationBody(null) with { Description = "Pages the bystander" }), Guarded: true),
        ["DELETE /api/v1/escalation-policies/{name}"] = f => new(Send(HttpMethod.Delete, $"api/v1/escalation-policies/{MatrixFixture.Escalation}"), Guarded: true, Status: 204, Restore: _ => f.CreateEscalationAsync()),
        ["GET /api/v1/status-pages"] = f => new(Get($"api/v1/status-pages?team={MatrixFixture.OwningTeam}"), Guarded: false),
        ["GET /api/v1/status-pages/{name}"] = f => new(Get($"api/v1/status-pages/{MatrixFixture.StatusPage}"), Guarded: false),
        ["POST /api/v1/status-pages"] = f => new(Send(HttpMethod.Post, "api/v1/status-pages", MatrixFixture.StatusPageBody(Names.Unique("matrix-status"))),
            Guarded: true, Status: 201, Restore: async r => await f.DeleteAsync("status-pages", (await r.Content.ReadFromJsonAsync<StatusPageResponse>(HttpAssertions.Json))!.Name)),
        ["PUT /api/v1/status-pages/{name}"] = f => new(Send(HttpMethod.Put, $"api/v1/status-pages/{MatrixFixture.StatusPage}", MatrixFixture.StatusPageBody(null) with { Title = "Owned, retitled" }), Guarded: true),
        ["DELETE /api/v1/status-pages/{name}"] = f => new(Send(HttpMethod.Delete, $"api/v1/status-pages/{MatrixFixture.StatusPage}"), Guarded: true, Status: 204, Restore: async _ => { await f.CreateStatusPageAsync(); await f.CreateWebhookAsync(); }),
        // Never published to: nothing is sent to the example address.
        ["POST /api/v1/status-pages/{name}/webhooks"] = f => new(Send(HttpMethod.Post, $"api/v1/status-pages/{MatrixFixture.StatusPage}/webhooks", new StatusWebhookRequest { Url = "https://hooks.example.test/matrix" }),
            Guarded: true, Status: 201, Restore: async r => (await f.Admin.DeleteAsync($"api/v1/status-pages/{MatrixFixture.StatusPage}/webhooks/{(await r.Content.ReadFromJsonAsync<StatusWebhookResponse>(HttpAssertions.Json))!.Id}")).EnsureSuccessStatusCode()),
        ["DELETE /api/v1/status-pages/{name}/webhooks/{id}"] = f => new(Send(HttpMethod.Delete, $"api/v1/status-pages/{MatrixFixture.StatusPage}/webhooks/{f.WebhookId}"),
            Guarded: true, Status: 204, Restore: _ => f.CreateWebhookAsync()),
        ["GET /api/v1/incidents/{id}/status-updates"] = f => new(Get($"api/v1/incidents/{f.IncidentId}/status-updates"), Guarded: false),
        ["POST /api/v1/incidents/{id}/status-updates"] = f => new(Send(HttpMethod.Post, $"api/v1/incidents/{f.IncidentId}/status-updates",
            new StatusUpdateRequest { Pages = [MatrixFixture.StatusPage], Status = "investigating", Message = "Looking into it" }), Guarded: true, Status: 201),
        ["GET /api/v1/alerts/{id}/escalations"] = f => new(Get($"api/v1/alerts/{f.AlertId}/escalations"), Guarded: false),
        ["DELETE /api/v1/schedules/{name}"] = f => new(Send(HttpMethod.Delete, $"api/v1/schedules/{MatrixFixture.Schedule}"), Guarded: true, Status: 204, Restore: _ => f.RecreateScheduleAsync()),
        ["POST /api/v1/schedules/{name}/overrides"] = f => new(Send(HttpMethod.Post, $"api/v1/schedules/{MatrixFixture.Schedule}/overrides", f.OverrideBody()),
            Guarded: true, Status: 201, Restore: async r => await f.RemoveOverrideAsync((await r.Content.ReadFromJsonAsync<ScheduleOverrideResponse>(HttpAssertions.Json))!.Id)),
        ["DELETE /api/v1/schedules/{name}/overrides/{id}"] = f => new(Send(HttpMethod.Delete, $"api/v1/schedules/{MatrixFixture.Schedule}/overrides/{f.SpareScheduleOverrideId}"),
            Guarded: true, Status: 204, Restore: _ => f.CreateSpareScheduleOverrideAsync()),
        // Swaps are about the caller's own shifts, not the team's: nobody here is on the fixture's
        // rotation, so an allowed caller gets past authorization to the 400 that says so, and
        // answers to an unknown request get a 404. Who may answer is ShiftSwapTests' business.
        ["GET /api/v1/schedules/{name}/swaps"] = f => new(Get($"api/v1/schedules/{MatrixFixture.Schedule}/swaps"), Guarded: false),
        ["POST /api/v1/schedules/{name}/swaps"] = f => new(Send(HttpMethod.Post, $"api/v1/schedules/{MatrixFixture.Schedule}/swaps", f.SwapBody()), Guarded: false, Status: 400),
        ["POST /api/v1/schedules/{name}/swaps/{id}/accept"] = f => new(Send(HttpMethod.Post, $"api/v1/schedules/{MatrixFixture.Schedule}/swaps/{Guid.NewGuid()}/accept"), Guarded: false, Status: 404),
        ["POST /api/v1/schedules/{name}/swaps/{id}/decline"] = f => new(Send(HttpMethod.Post, $"api/v1/schedules/{MatrixFixture.Schedule}/swaps/{Guid.NewGuid()}/decline"), Guarded: false, Status: 404),
        ["POST /api/v1/schedules/{name}/swaps/{id}/cancel"] = f => new(Send(HttpMethod.Post, $"api/v1/schedules/{MatrixFixture.Schedule}/swaps/{Guid.NewGuid()}/cancel"), Guarded: false, Status: 404),
        ["POST /api/v1/schedules/{name}/layers/{layer}/ical"] = f => new(f.ICalImport(), Guarded: true, Restore: _ => f.RestoreScheduleAsync()),
        ["GET /api/v1/integrations"] = f => new(Get($"api/v1/integrations?service={MatrixFixture.Service}"), Guarded: false),
        ["GET /api/v1/integrations/{name}"] = f => new(Get($"api/v1/integrations/{MatrixFixture.Integration}"), Guarded: false),
        ["POST /api/v1/integrations"] = f => new(Send(HttpMethod.Post, "api/v1/integrations", MatrixFixture.IntegrationBody(Names.Unique("matrix-int"))),
            Guarded: true, Status: 201, Restore: async r => await f.DeleteAsync("integrations", (await r.Content.ReadFromJsonAsync<IntegrationResponse>(HttpAssertions.Json))!.Name)),
        ["PUT /api/v1/integrations/{name}"] = f => new(Send(HttpMethod.Put, $"api/v1/integrations/{MatrixFixture.Integration}", MatrixFixture.IntegrationBody(null) with { Urgency = System.Text.Json.JsonSerializer.SerializeToElement(new { rule = "high" }) }), Guarded: true),
        ["DELETE /api/v1/integrations/{name}"] = f => new(Send(HttpMethod.Delete, $"api/v1/integrations/{MatrixFixture.Integration}"), Guarded: true, Status: 204, Restore: _ => f.CreateIntegrationAsync()),
        ["POST /api/v1/integrations/{name}/rotate-key"] = f => new(Send(HttpMethod.Post, $"api/v1/integrations/{MatrixFixture.Integration}/rotate-key"), Guarded: true),
        ["GET /api/v1/silences"] = f => new(Get($"api/v1/silences?team={MatrixFixture.OwningTeam}"), Guarded: false),
        ["GET /api/v1/silences/{name}"] = f => new(Get($"api/v1/silences/{MatrixFixture.Silence}"), Guarded: false),
        ["POST /api/v1/silences"] = f => new(Send(HttpMethod.Post, "api/v1/silences", MatrixFixture.SilenceBody(Names.Unique("matrix-silence"))),
            Guarded: true, Status: 201, Restore: async r => await f.DeleteAsync("silences", (await r.Content.ReadFromJsonAsync<SilenceResponse>(HttpAssertions.Json))!.Name)),
        ["PUT /api/v1/silences/{name}"] = f => new(Send(HttpMethod.Put, $"api/v1/silences/{MatrixFixture.Silence}", MatrixFixture.SilenceBody(null) with { Comment = "Deploy, longer" }), Guarded: true),
        ["POST /api/v1/silences/{name}/expire"] = f => new(Send(HttpMethod.Post, $"api/v1/silences/{MatrixFixture.Silence}/expire"), Guarded: true, Restore: _ => f.RecreateSilenceAsync()),
        // Admins only, by the route's policy.
        ["DELETE /api/v1/silences/{name}"] = f => new(Send(HttpMethod.Delete, $"api/v1/silences/{MatrixFixture.Silence}"), Guarded: true, Status: 204, Restore: _ => f.CreateSilenceAsync()),
        ["GET /api/v1/alert-routes"] = f => new(Get($"api/v1/alert-routes?team={MatrixFixture.OwningTeam}"), Guarded: false),
        ["GET /api/v1/alert-routes/{name}"] = f => new(Get($"api/v1/alert-routes/{MatrixFixture.Route}"), Guarded: false),
        ["POST /api/v1/alert-routes"] = f => new(Send(HttpMethod.Post, "api/v1/alert-routes", MatrixFixture.RouteBody(Names.Unique("matrix-route"))),
            Guarded: true, Status: 201, Restore: async r => await f.DeleteAsync("alert-routes", (await r.Content.ReadFromJsonAsync<AlertRouteResponse>(HttpAssertions.Json))!.Name)),
        ["PUT /api/v1/alert-routes/{name}"] = f => new(Send(HttpMethod.Put, $"api/v1/alert-routes/{MatrixFixture.Route}", MatrixFixture.RouteBody(null) with { Continue = true }), Guarded: true),
        ["DELETE /api/v1/alert-routes/{name}"] = f => new(Send(HttpMethod.Delete, $"api/v1/alert-routes/{MatrixFixture.Route}"), Guarded: true, Status: 204, Restore: _ => f.CreateRouteAsync()),
        // Only reads, so whoever may read may ask.
        ["POST /api/v1/alert-routes/preview"] = f => new(Send(HttpMethod.Post, "api/v1/alert-routes/preview", new AlertRoutePreviewRequest { Service = MatrixFixture.Service }), Guarded: false),
        ["GET /api/v1/notification-channels"] = f => new(Get($"api/v1/notification-channels?team={MatrixFixture.OwningTeam}"), Guarded: false),
        ["GET /api/v1/notification-channels/{name}"] = f => new(Get($"api/v1/notification-channels/{MatrixFixture.Channel}"), Guarded: false),
        ["POST /api/v1/notification-channels"] = f => new(Send(HttpMethod.Post, "api/v1/notification-channels", MatrixFixture.ChannelBody(Names.Unique("matrix-channel"))),
            Guarded: true, Status: 201, Restore: async r => await f.DeleteAsync("notification-channels", (await r.Content.ReadFromJsonAsync<NotificationChannelResponse>(HttpAssertions.Json))!.Name)),
        ["PUT /api/v1/notification-channels/{name}"] = f => new(Send(HttpMethod.Put, $"api/v1/notification-channels/{MatrixFixture.Channel}", MatrixFixture.ChannelBody(null) with { Enabled = false }), Guarded: true),
        ["DELETE /api/v1/notification-channels/{name}"] = f => new(Send(HttpMethod.Delete, $"api/v1/notification-channels/{MatrixFixture.Channel}"), Guarded: true, Status: 204, Restore: _ => f.CreateChannelAsync()),
        // No mail server is configured: an allowed caller gets past authorization to the send, which the server refuses.
        ["POST /api/v1/notification-channels/{name}/test"] = f => new(Send(HttpMethod.Post, $"api/v1/notification-channels/{MatrixFixture.Channel}/test"), Guarded: true),
        ["GET /api/v1/alerts"] = f => new(Get($"api/v1/alerts?service={MatrixFixture.Service}"), Guarded: false),
        ["GET /api/v1/alerts/{id}"] = f => new(Get($"api/v1/alerts/{f.AlertId}"), Guarded: false),
        ["POST /api/v1/alerts/{id}/acknowledge"] = f => new(Send(HttpMethod.Post, $"api/v1/alerts/{f.AlertId}/acknowledge"), Guarded: true, Restore: _ => f.ResetAlertAsync()),
        ["POST /api/v1/alerts/{id}/resolve"] = f => new(Send(HttpMethod.Post, $"api/v1/alerts/{f.AlertId}/resolve"), Guarded: true, Restore: _ => f.ResetAlertAsync()),
        // The fixture alert is triggered, not acknowledged: an allowed caller gets past authorization to the 409.
        ["POST /api/v1/alerts/{id}/snooze"] = f => new(Send(HttpMethod.Post, $"api/v1/alerts/{f.AlertId}/snooze", new SnoozeAlertRequest { Minutes = 10 }), Guarded: true, Status: 409),
        ["POST /api/v1/alerts/{id}/notes"] = f => new(Send(HttpMethod.Post, $"api/v1/alerts/{f.AlertId}/notes", new AlertNoteRequest { Text = "The role matrix was here." }), Guarded: true, Status: 201),
        ["POST /api/v1/alerts/{id}/reassign"] = f => new(Send(HttpMethod.Post, $"api/v1/alerts/{f.AlertId}/reassign", new ReassignAlertRequest { User = f.Bystander }), Guarded: true, Restore: _ => f.ResetAlertAsync()),
        // Any member may ask; the answer says per alert what they could not acknowledge.
        ["POST /api/v1/alerts/acknowledge"] = f => new(Send(HttpMethod.Post, "api/v1/alerts/acknowledge", new BulkAcknowledgeRequest { Ids = [f.AlertId] }), Guarded: false, Restore: _ => f.ResetAlertAsync()),
        // Applying for real changes the fixture service (a new description each call, so it is
        // never "unchanged", which needs no permission).
        ["POST /api/v1/apply"] = f => new(Send(HttpMethod.Post, "api/v1/apply", new ApplyRequest
        {
            Files = [new ApplyFile("matrix.yaml", $"apiVersion: unyo.dev/v1\nkind: Service\nmetadata:\n  name: {MatrixFixture.Service}\n  team: {MatrixFixture.OwningTeam}\nspec:\n  description: applied {Guid.NewGuid():N}\n")],
        }), Guarded: true),
    };

    private static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);

    private static HttpRequestMessage Send(HttpMethod method, string url, object? body = null) => new(method, url)
    {
        Content = body is null ? null : new StringContent(System.Text.Json.JsonSerializer.Serialize(body, body.GetType(), HttpAssertions.Json), Encoding.UTF8, "application/json"),
    };

    /// Two teams; the owning one owns a service, has a bystander member (whom calls remove and the
    /// fixture adds back) and a spare token (which calls revoke and rotate).
    private sealed class MatrixFixture(UnyoApp app)
    {
        public const string OwningTeam = "owning-team";
        public const string OtherTeam = "other-team";
        public const string Service = "owned-service";
        public const string Sli = "owned-sli";
        public const string Slo = "owned-slo";
        public const string Policy = "owned-policy";
        public const string Check = "owned-check";
        public const string SpareService = "owned-spare-service";
        public const string Window = "owned-window";
        public const string Integration = "owned-integration";
        public const string Silence = "owned-silence";
        public const string Schedule = "owned-schedule";
        public const string Escalation = "owned-escalation";
        public const string Route = "owned-route";
        public const string Channel = "owned-channel";
        public const string RouteChannel = "owned-route-channel";
        public const string StatusPage = "owned-status-page";

        private readonly HttpClient _admin = app.Admin();

        public string Bystander { get; private set; } = "";

        public Guid SpareTokenId { get; private set; }

        public Guid SpareOverrideId { get; private set; }

        public Guid WebhookId { get; private set; }

        public long IncidentId { get; private set; }

        public HttpClient Admin => _admin;

        public static async Task<MatrixFixture> CreateAsync(UnyoApp app)
        {
            var fixture = new MatrixFixture(app);
            (await fixture._admin.PostJsonAsync("api/v1/teams", new TeamRequest { Name = OwningTeam })).EnsureSuccessStatusCode();
            (await fixture._admin.PostJsonAsync("api/v1/teams", new TeamRequest { Name = OtherTeam })).EnsureSuccessStatusCode();
            await fixture.CreateServiceAsync();
            (await fixture._admin.PostJsonAsync("api/v1/slis", new SliRequest { Name = Sli, Service = Service })).EnsureSuccessStatusCode();
            await fixture.CreateSloAsync();
            (await fixture._admin.PostJsonAsync("api/v1/services", new ServiceRequest { Name = SpareService, Team = OwningTeam })).EnsureSuccessStatusCode();
            await fixture.CreatePolicyAsync();
            await fixture.CreateCheckAsync();
            await fixture.CreateWindowAsync();
            await fixture.CreateIntegrationAsync();
            await fixture.CreateSilenceAsync();
            await fixture.CreateChannelAsync();
            // The route targets a channel of its own, so deleting the owned channel is not refused for it.
            (await fixture._admin.PostJsonAsync("api/v1/notification-channels", ChannelBody(RouteChannel))).EnsureSuccessStatusCode();
            await fixture.CreateRouteAsync();
            await fixture.CreateAlertAsync();
            fixture.Bystander = (await app.CreateUserAsync(Features.Accounts.OrgRole.Member, OwningTeam)).Email;
            await fixture.CreateSpareTokenAsync();
            await fixture.CreateSpareOverrideAsync();
            await fixture.CreateScheduleAsync();
            await fixture.CreateSpareScheduleOverrideAsync();
            await fixture.CreateEscalationAsync();
            await fixture.CreateStatusPageAsync();
            await fixture.CreateWebhookAsync();
            fixture.IncidentId = await StatusPages.StatusPageKit.IncidentAsync(app, "Matrix incident", 3, [Service]);
            return fixture;
        }

        public async Task CreateServiceAsync() =>
            (await _admin.PostJsonAsync("api/v1/services", new ServiceRequest { Name = Service, Team = OwningTeam })).EnsureSuccessStatusCode();

        public static SloRequest SloBody(string? name) => new() { Name = name, Service = Service, Sli = Sli, Objective = 99.9m, Window = "30d" };

        public async Task CreateSloAsync() => (await _admin.PostJsonAsync("api/v1/slos", SloBody(Slo))).EnsureSuccessStatusCode();

        public static ErrorBudgetPolicyRequest PolicyBody(string? name, string service) =>
            new() { Name = name, Services = [service], Steps = [new() { RemainingAtOrBelow = 10, Decision = "freeze" }] };

        public static CheckRequest CheckBody(string? name) => new() { Name = name, Service = Service, Type = "heartbeat", Heartbeat = new HeartbeatCheckRequest { Period = "1d" } };

        public async Task CreateCheckAsync() => (await _admin.PostJsonAsync("api/v1/checks", CheckBody(Check))).EnsureSuccessStatusCode();

        public async Task CreatePolicyAsync() => (await _admin.PostJsonAsync("api/v1/error-budget-policies", PolicyBody(Policy, Service))).EnsureSuccessStatusCode();

        public static MaintenanceWindowRequest WindowBody(string? name) => new()
        {
            Name = name, Team = OwningTeam, Title = "Patch day", Services = [Service],
            Schedule = new() { Rrule = "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1", Start = "2020-01-01T03:00", Duration = "1h", Until = "2021-01-02T00:00:00Z" },
        };

        public static StatusPageRequest StatusPageBody(string? name) => new() { Name = name, Team = OwningTeam, Title = "Owned status", Components = [new() { Service = Service }] };

        public async Task CreateStatusPageAsync() => (await _admin.PostJsonAsync("api/v1/status-pages", StatusPageBody(StatusPage))).EnsureSuccessStatusCode();

        public async Task CreateWebhookAsync() => WebhookId = (await (await _admin.PostJsonAsync($"api/v1/status-pages/{StatusPage}/webhooks", new StatusWebhookRequest { Url = "https://hooks.example.test/matrix" }))
            .ReadAsync<StatusWebhookResponse>(HttpStatusCode.Created)).Id;

        public async Task CreateWindowAsync() => (await _admin.PostJsonAsync("api/v1/maintenance-windows", WindowBody(Window))).EnsureSuccessStatusCode();

        public static IntegrationRequest IntegrationBody(string? name) => new() { Name = name, Service = Service, Kind = "alertmanager" };

        public async Task CreateIntegrationAsync() => (await _admin.PostJsonAsync("api/v1/integrations", IntegrationBody(Integration))).EnsureSuccessStatusCode();
        public static SilenceRequest SilenceBody(string? name) => new()
        {
            Name = name, Team = OwningTeam, Matchers = [new() { Name = "service", Value = Service }], Duration = "1d", Comment = "Deploy",
        };

        public ScheduleRequest ScheduleBody(string? name) => new()
        {
            Name = name, Team = OwningTeam, TimeZone = "Asia/Tokyo",
            Layers = [new() { Name = "primary", Users = [Bystander], Turn = "weekly", Start = "2026-01-05T09:00" }],
        };

        public EscalationPolicyRequest EscalationBody(string? name) => new()
        {
            Name = name, Team = OwningTeam, Levels = [new() { EscalateAfter = "10m", Targets = [new() { User = Bystander }] }],
        };

        public async Task CreateEscalationAsync() => (await _admin.PostJsonAsync("api/v1/escalation-policies", EscalationBody(Escalation))).EnsureSuccessStatusCode();

        public async Task CreateScheduleAsync() => (await _admin.PostJsonAsync("api/v1/schedules", ScheduleBody(Schedule))).EnsureSuccessStatusCode();

        // Its overrides went with it: the spare one too.
        public async Task RecreateScheduleAsync()
        {
            await CreateScheduleAsync();
            await CreateSpareScheduleOverrideAsync();
        }

        public Guid SpareScheduleOverrideId { get; private set; }

        // Each override a day of its own, a year ahead: they never overlap one another.
        private int _overrideDays;

        public ScheduleOverrideRequest OverrideBody()
        {
            var start = TimeProvider.System.GetUtcNow().Date.AddDays(365 + ++_overrideDays);
            return new() { User = Bystander, Start = $"{start:yyyy-MM-dd}T00:00:00Z", End = $"{start:yyyy-MM-dd}T12:00:00Z", Reason = "Covering" };
        }

        // One event tomorrow for the bystander, as a fixed layer on top of the fixture schedule.
        public HttpRequestMessage ICalImport()
        {
            var day = TimeProvider.System.GetUtcNow().Date.AddDays(1);
            var ics = $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//matrix//EN\r\nBEGIN:VEVENT\r\nUID:matrix-1\r\nDTSTAMP:{day:yyyyMMdd}T000000Z\r\nDTSTART:{day:yyyyMMdd}T090000Z\r\nDTEND:{day:yyyyMMdd}T170000Z\r\nATTENDEE:mailto:{Bystander}\r\nSUMMARY:On call\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
            return new(HttpMethod.Post, $"api/v1/schedules/{Schedule}/layers/imported/ical") { Content = new StringContent(ics, Encoding.UTF8, "text/calendar") };
        }

        public async Task RestoreScheduleAsync() => (await _admin.PutAsJsonAsync($"api/v1/schedules/{Schedule}", ScheduleBody(null), HttpAssertions.Json)).EnsureSuccessStatusCode();

        public ShiftSwapRequest SwapBody()
        {
            var start = TimeProvider.System.GetUtcNow().Date.AddDays(30);
            return new() { User = Bystander, Start = $"{start:yyyy-MM-dd}T00:00:00Z", End = $"{start:yyyy-MM-dd}T01:00:00Z" };
        }

        public async Task CreateSpareScheduleOverrideAsync() =>
            SpareScheduleOverrideId = (await (await _admin.PostJsonAsync($"api/v1/schedules/{Schedule}/overrides", OverrideBody()))
                .ReadAsync<ScheduleOverrideResponse>(HttpStatusCode.Created)).Id;

        public async Task RemoveOverrideAsync(Guid id) => (await _admin.DeleteAsync($"api/v1/schedules/{Schedule}/overrides/{id}")).EnsureSuccessStatusCode();

        public async Task CreateSilenceAsync() => (await _admin.PostJsonAsync("api/v1/silences", SilenceBody(Silence))).EnsureSuccessStatusCode();

        public async Task RecreateSilenceAsync()
        {
            await DeleteAsync("silences", Silence);
            await CreateSilenceAsync();
        }

        public static AlertRouteRequest RouteBody(string? name) => new()
        {
            Name = name, Team = OwningTeam, Match = new() { Services = [Service], Urgencies = ["high"] }, Targets = new() { Channels = [RouteChannel] },
        };

        public async Task CreateRouteAsync() => (await _admin.PostJsonAsync("api/v1/alert-routes", RouteBody(Route))).EnsureSuccessStatusCode();
        public static NotificationChannelRequest ChannelBody(string? name) =>
            new() { Name = name, Team = OwningTeam, Type = "email", Settings = new() { ["to"] = new System.Text.Json.Nodes.JsonArray("owning-team@example.test") } };

        public long AlertId { get; private set; }

        // An open alert of the owning team's service, written as the intake pipeline writes one.
        public async Task CreateAlertAsync()
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<Data.UnyoDb>();
            var now = TimeProvider.System.GetUtcNow();
            var alert = new Features.Alerts.Alert
            {
                ServiceId = db.Services.Single(s => s.Name == Service).Id,
                Source = "matrix", DedupKey = "matrix", Summary = "The role matrix is calling",
                Status = Features.Alerts.AlertStatus.Triggered, FirstSeenAt = now, LastSeenAt = now, OccurrenceCount = 1,
            };
            db.Alerts.Add(alert);
            await db.SaveChangesAsync();
            AlertId = alert.Id;
        }

        public async Task ResetAlertAsync()
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<Data.UnyoDb>();
            var alert = db.Alerts.Single(a => a.Id == AlertId);
            (alert.Status, alert.AcknowledgedAt, alert.AcknowledgedBy, alert.ResolvedAt, alert.ResolvedBy, alert.AssigneeId) =
                (Features.Alerts.AlertStatus.Triggered, null, null, null, null, null);
            alert.Revision++;
            await db.SaveChangesAsync();
        }

        public async Task CreateChannelAsync() => (await _admin.PostJsonAsync("api/v1/notification-channels", ChannelBody(Channel))).EnsureSuccessStatusCode();

        public async Task DeleteAsync(string collection, string name) => (await _admin.DeleteAsync($"api/v1/{collection}/{name}")).EnsureSuccessStatusCode();

        public async Task DeleteServiceAsync(string name) => (await _admin.DeleteAsync($"api/v1/services/{name}")).EnsureSuccessStatusCode();

        public async Task AddBystanderAsync() =>
            (await _admin.PostJsonAsync($"api/v1/teams/{OwningTeam}/members", new AddTeamMemberRequest(Bystander))).EnsureSuccessStatusCode();

        public async Task CreateSpareTokenAsync() =>
            SpareTokenId = (await (await _admin.PostJsonAsync($"api/v1/teams/{OwningTeam}/tokens", new CreateTokenRequest { Name = "spare" }))
                .ReadAsync<CreatedTokenResponse>(HttpStatusCode.Created)).Id;

        public async Task CreateSpareOverrideAsync() =>
            SpareOverrideId = (await (await _admin.PostJsonAsync($"api/v1/services/{Service}/release-gate/overrides", new CreateGateOverrideRequest { Reason = "A spare override to end" }))
                .ReadAsync<GateOverrideResponse>(HttpStatusCode.Created)).Id;

        public async Task EndOverrideAsync(Guid id) => (await _admin.DeleteAsync($"api/v1/services/{Service}/release-gate/overrides/{id}")).EnsureSuccessStatusCode();

        public async Task RevokeTeamTokenAsync(Guid id) => (await _admin.DeleteAsync($"api/v1/teams/{OwningTeam}/tokens/{id}")).EnsureSuccessStatusCode();

        public async Task<string> TeamTokenAsync(string team, string scope) =>
            (await (await _admin.PostJsonAsync($"api/v1/teams/{team}/tokens", new CreateTokenRequest { Name = $"matrix-{scope}", Scope = scope }))
                .ReadAsync<CreatedTokenResponse>(HttpStatusCode.Created)).Token;

        public static async Task<string> PersonalTokenAsync(HttpClient owner, string scope) =>
            (await (await owner.PostJsonAsync("api/v1/tokens", new CreateTokenRequest { Name = $"matrix-{scope}", Scope = scope }))
                .ReadAsync<CreatedTokenResponse>(HttpStatusCode.Created)).Token;
    }
}
