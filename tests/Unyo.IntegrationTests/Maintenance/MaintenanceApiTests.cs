using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Maintenance;

public sealed class MaintenanceApiTests(Servers servers)
{
    private static string At(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static MaintenanceWindowRequest OneOff(string name, string team, string service, DateTimeOffset start, DateTimeOffset end) => new()
    {
        Name = name,
        Team = team,
        Title = "Database upgrade",
        Services = [service],
        Schedule = new() { Start = At(start), End = At(end) },
    };

    public static MaintenanceWindowRequest Weekly(string name, string team, string service, string? check = null) => new()
    {
        Name = name,
        Team = team,
        Title = "Patch day",
        Description = "Kernel updates, one node at a time.",
        Services = [service],
        Checks = check is null ? null : [check],
        Schedule = new() { Rrule = "FREQ=WEEKLY;BYDAY=TU;BYHOUR=2", Start = "2026-01-06T00:00", Duration = "2h", TimeZone = "Europe/Berlin" },
    };

    [Theory, DatabaseData]
    public async Task CreateReadReplaceWithETagAndDeleteLeaveAnAuditTrail(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var name = Names.Unique("patch");
        var check = Names.Unique("checkout-home");
        (await admin.PostJsonAsync("api/v1/checks", new CheckRequest { Name = check, Service = service, Type = "heartbeat", Heartbeat = new HeartbeatCheckRequest { Period = "1h" } })).EnsureSuccessStatusCode();

        var created = await admin.PostJsonAsync("api/v1/maintenance-windows", Weekly(name, team, service, check));
        var body = await created.ReadAsync<MaintenanceWindowResponse>(HttpStatusCode.Created);
        var listed = await (await admin.GetAsync($"api/v1/maintenance-windows?service={service}")).ReadAsync<Page<MaintenanceWindowResponse>>(HttpStatusCode.OK);
        var byTeam = await (await admin.GetAsync($"api/v1/maintenance-windows?team={team}")).ReadAsync<Page<MaintenanceWindowResponse>>(HttpStatusCode.OK);
        var stale = new HttpRequestMessage(HttpMethod.Put, $"api/v1/maintenance-windows/{name}") { Content = JsonContent.Create(Weekly(name, team, service, check) with { Title = "Stale" }) };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"0\""));
        var refused = await admin.SendAsync(stale);
        var fresh = new HttpRequestMessage(HttpMethod.Put, $"api/v1/maintenance-windows/{name}") { Content = JsonContent.Create(Weekly(name, team, service, check) with { Title = "Patch Tuesday", SuppressAlerts = false }) };
        fresh.Headers.IfMatch.Add(created.Headers.ETag!);
        var replaced = await (await admin.SendAsync(fresh)).ReadAsync<MaintenanceWindowResponse>(HttpStatusCode.OK);
        var deleted = await admin.DeleteAsync($"api/v1/maintenance-windows/{name}");
        var gone = await admin.GetAsync($"api/v1/maintenance-windows/{name}");
        var audit = await (await admin.GetAsync($"api/v1/audit?kind=MaintenanceWindow&name={name}&limit=10")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK);

        Assert.Equal("\"1\"", created.Headers.ETag!.Tag);
        Assert.Equal((team, "Patch day", "api", true, true), (body.Team, body.Title, body.ManagedBy, body.Recurring, body.SuppressAlerts));
        Assert.Equal([service], body.Services);
        Assert.Equal([check], body.Checks);
        Assert.Equal(("FREQ=WEEKLY;BYDAY=TU;BYHOUR=2", "2026-01-06T00:00", "2h", "Europe/Berlin"), (body.Schedule.Rrule, body.Schedule.Start, body.Schedule.Duration, body.Schedule.TimeZone));
        Assert.NotNull(body.Next);
        Assert.Equal(DayOfWeek.Tuesday, TimeZoneInfo.ConvertTime(body.Next!.Start, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).DayOfWeek);
        Assert.Equal(TimeSpan.FromHours(2), body.Next.End - body.Next.Start);
        Assert.Equal([name], listed.Items.Select(w => w.Name));
        Assert.Equal([name], byTeam.Items.Select(w => w.Name));
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.Equal(("Patch Tuesday", false, 2), (replaced.Title, replaced.SuppressAlerts, replaced.Revision));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(["maintenancewindow.delete", "maintenancewindow.update", "maintenancewindow.create"], audit.Items.Select(r => r.Action));
    }

    [Theory, DatabaseData]
    public async Task BadInputNamesEveryFieldAndWritesNothing(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var name = Names.Unique("bad");

        var shape = await (await admin.PostJsonAsync("api/v1/maintenance-windows", new MaintenanceWindowRequest
        {
            Name = name, Team = "Not A Slug", Services = [service, service], Schedule = new() { Rrule = "FREQ=MINUTELY", Duration = "forever", TimeZone = "Mars/Olympus" },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        var state = await (await admin.PostJsonAsync("api/v1/maintenance-windows", OneOff(name, team, "no-such-service", TimeProvider.System.GetUtcNow(), TimeProvider.System.GetUtcNow().AddHours(1)) with { Team = "no-such-team" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        var json = await (await admin.PostAsync("api/v1/maintenance-windows", new StringContent("""{"name":"x","schedule":{"start":5}}""", System.Text.Encoding.UTF8, "application/json")))
            .ProblemAsync(HttpStatusCode.BadRequest);
        var nothing = await (await admin.PostJsonAsync("api/v1/maintenance-windows", new MaintenanceWindowRequest { Name = name, Team = team, Title = "x", Schedule = new() { Start = "2026-03-01T22:00:00Z", End = "2026-03-01T23:00:00Z" } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        var missing = await admin.GetAsync($"api/v1/maintenance-windows/{name}");

        shape.AssertField("team", "lower-case");
        shape.AssertField("title", "is required");
        shape.AssertField("services[1]", "listed twice");
        shape.AssertField("schedule.rrule", "FREQ=MINUTELY");
        shape.AssertField("schedule.duration", "forever");
        shape.AssertField("schedule.timeZone", "Mars/Olympus");
        shape.AssertField("schedule.start", "is required with an rrule");
        state.AssertField("team", "does not exist");
        state.AssertField("services[0]", "does not exist");
        json.AssertField("schedule.start", "wrong type");
        nothing.AssertField("services", "at least one");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory, DatabaseData]
    public async Task EndingAWindowEndsTheRunningOccurrenceOnlyAndIsAudited(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var (once, daily, later) = (Names.Unique("once"), Names.Unique("daily"), Names.Unique("later"));
        var now = TimeProvider.System.GetUtcNow();
        (await admin.PostJsonAsync("api/v1/maintenance-windows", OneOff(once, team, service, now.AddHours(-1), now.AddHours(1)))).EnsureSuccessStatusCode();
        // Every day from the current hour for 3 hours: under way now, again tomorrow.
        var hour = now.UtcDateTime.Hour;
        (await admin.PostJsonAsync("api/v1/maintenance-windows", Weekly(daily, team, service) with
        {
            Checks = null,
            Schedule = new() { Cron = $"0 {hour} * * *", Duration = "3h", TimeZone = "UTC" },
        })).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync("api/v1/maintenance-windows", OneOff(later, team, service, now.AddDays(1), now.AddDays(2)))).EnsureSuccessStatusCode();

        var active = await (await admin.GetAsync($"api/v1/maintenance-windows?service={service}&active=true")).ReadAsync<Page<MaintenanceWindowResponse>>(HttpStatusCode.OK);
        var endedOnce = await (await admin.PostAsync($"api/v1/maintenance-windows/{once}/end", null)).ReadAsync<MaintenanceOccurrenceResponse>(HttpStatusCode.OK);
        var endedDaily = await (await admin.PostAsync($"api/v1/maintenance-windows/{daily}/end", null)).ReadAsync<MaintenanceOccurrenceResponse>(HttpStatusCode.OK);
        var notRunning = await (await admin.PostAsync($"api/v1/maintenance-windows/{later}/end", null)).ProblemAsync(HttpStatusCode.Conflict);
        var afterOnce = await (await admin.GetAsync($"api/v1/maintenance-windows/{once}")).ReadAsync<MaintenanceWindowResponse>(HttpStatusCode.OK);
        var afterDaily = await (await admin.GetAsync($"api/v1/maintenance-windows/{daily}")).ReadAsync<MaintenanceWindowResponse>(HttpStatusCode.OK);
        var occurrences = await (await admin.GetAsync($"api/v1/maintenance-windows/{daily}/occurrences?from={At(now.AddHours(-12))}&to={At(now.AddHours(36))}"))
            .ReadAsync<List<MaintenanceOccurrenceResponse>>(HttpStatusCode.OK);
        var badRange = await (await admin.GetAsync($"api/v1/maintenance-windows/{daily}/occurrences?from=yesterday&to={At(now.AddYears(2))}")).ProblemAsync(HttpStatusCode.BadRequest);
        var audit = await (await admin.GetAsync($"api/v1/audit?kind=MaintenanceWindow&name={daily}&limit=10")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK);

        Assert.Equal([daily, once], active.Items.Select(w => w.Name));
        Assert.True(endedOnce.EndedEarly);
        Assert.InRange(endedOnce.End, now, now.AddMinutes(5));
        Assert.True(endedDaily.EndedEarly);
        notRunning.AssertField("name", "not under way");
        Assert.Equal((null, null), (afterOnce.Active, afterOnce.Next));
        Assert.Null(afterDaily.Active);
        Assert.Equal(endedDaily.Start.AddDays(1), afterDaily.Next!.Start);
        Assert.Equal(2, occurrences.Count);
        Assert.Equal((endedDaily.Start, endedDaily.End, true), (occurrences[0].Start, occurrences[0].End, occurrences[0].EndedEarly));
        Assert.Equal((endedDaily.Start.AddDays(1), TimeSpan.FromHours(3), false), (occurrences[1].Start, occurrences[1].End - occurrences[1].Start, occurrences[1].EndedEarly));
        badRange.AssertField("from", "RFC 3339");
        Assert.Equal("maintenancewindow.end", audit.Items[0].Action);
    }

    [Theory, DatabaseData]
    public async Task OnlyTheOwningTeamPutsItsServicesUnderMaintenanceAndWindowsHoldServicesAndTeams(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var (otherTeam, otherService) = await SloTestKit.CreateServiceAsync(admin);
        var member = await app.CreateUserAsync(OrgRole.Member, team);
        using var client = app.Client(member.Token);
        var name = Names.Unique("mine");
        var now = TimeProvider.System.GetUtcNow();

        var own = await client.PostJsonAsync("api/v1/maintenance-windows", OneOff(name, team, service, now.AddDays(1), now.AddDays(1).AddHours(2)));
        var foreignService = await (await client.PostJsonAsync("api/v1/maintenance-windows", OneOff(Names.Unique("theirs"), team, otherService, now.AddDays(1), now.AddDays(2))))
            .ProblemAsync(HttpStatusCode.Forbidden);
        var foreignTeam = await (await client.PostJsonAsync("api/v1/maintenance-windows", OneOff(Names.Unique("theirs"), otherTeam, service, now.AddDays(1), now.AddDays(2))))
            .ProblemAsync(HttpStatusCode.Forbidden);
        var serviceDelete = await (await admin.DeleteAsync($"api/v1/services/{service}")).ProblemAsync(HttpStatusCode.Conflict);
        var teamOnly = Names.Unique("team");
        (await admin.PostJsonAsync("api/v1/teams", new TeamRequest { Name = teamOnly })).EnsureSuccessStatusCode();
        var checksOnly = Names.Unique("checks");
        var probe = Names.Unique("edge-probe");
        (await admin.PostJsonAsync("api/v1/checks", new CheckRequest { Name = probe, Service = otherService, Type = "heartbeat", Heartbeat = new HeartbeatCheckRequest { Period = "1h" } })).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync("api/v1/maintenance-windows", new MaintenanceWindowRequest
        {
            Name = checksOnly, Team = teamOnly, Title = "Probe move", Checks = [probe], Schedule = new() { Start = At(now.AddDays(3)), End = At(now.AddDays(3).AddHours(1)) },
        })).EnsureSuccessStatusCode();
        var teamDelete = await (await admin.DeleteAsync($"api/v1/teams/{teamOnly}")).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Empty(foreignService);
        Assert.Empty(foreignTeam);
        serviceDelete.AssertField("references", $"MaintenanceWindow {name}");
        teamDelete.AssertField("references", $"MaintenanceWindow {checksOnly}");
    }
}
