using System.Net;
using Unyo.Client;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.OnCall;

public sealed class EscalationPolicyApiTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task APolicyIsWrittenReadWithWhoItReachesNowAndItsReferencesAreChecked(string provider)
    {
        var app = await servers.GetIsolatedAsync(provider, "escalation-api");
        using var admin = app.Admin();
        var (team, people, _) = await ScheduleKit.TeamAsync(app, people: 2);
        var (otherTeam, otherService) = await SloTestKit.CreateServiceAsync(admin);
        var (_, service) = await SloTestKit.CreateServiceAsync(admin, team);
        var schedule = Names.Unique("primary");
        (await admin.PostJsonAsync("api/v1/schedules", ScheduleKit.Weekly(schedule, team, "Asia/Tokyo", "2020-01-06T09:00", people[0]))).EnsureSuccessStatusCode();
        var name = Names.Unique("pager");
        var request = new EscalationPolicyRequest
        {
            Name = name, Team = team, Repeat = 1, Services = [service],
            Levels = [new() { EscalateAfter = "5m", Targets = [new() { Schedule = schedule }] }, new() { EscalateAfter = "30m", Targets = [new() { User = people[1] }, new() { Team = otherTeam }] }],
        };

        var created = await (await admin.PostJsonAsync("api/v1/escalation-policies", request)).ReadAsync<EscalationPolicyResponse>(HttpStatusCode.Created);
        var claimedTwice = await (await admin.PostJsonAsync("api/v1/escalation-policies", request with { Name = Names.Unique("second") })).ProblemAsync(HttpStatusCode.BadRequest);
        var references = await (await admin.PostJsonAsync("api/v1/escalation-policies", new EscalationPolicyRequest
        {
            Name = Names.Unique("broken"), Team = team, Services = ["no-such-service", otherService],
            Levels = [new() { EscalateAfter = "5m", Targets = [new() { User = "nobody@example.test" }, new() { Schedule = "no-such-schedule" }, new() { Team = "no-such-team" }] }],
        })).ProblemAsync(HttpStatusCode.BadRequest);
        var duplicate = await (await admin.PostJsonAsync("api/v1/escalation-policies", request with { Services = [] })).ProblemAsync(HttpStatusCode.Conflict);
        var list = await (await admin.GetAsync($"api/v1/escalation-policies?team={team}")).ReadAsync<Page<EscalationPolicyResponse>>(HttpStatusCode.OK);

        Assert.Equal([service], created.Services);
        Assert.Equal((1, "5m"), (created.Repeat, created.Levels[0].EscalateAfter));
        Assert.Equal(people[0], Assert.Single(created.Levels[0].Targets[0].OnCallNow).Email);
        Assert.Equal(people[1], Assert.Single(created.Levels[1].Targets[0].OnCallNow).Email);
        // The other team keeps no schedule: that target reaches nobody, but the level still has a person.
        Assert.Empty(created.Levels[1].Targets[1].OnCallNow);
        Assert.Empty(created.Warnings);
        claimedTwice.AssertField("services[0]", $"already uses escalation policy '{name}'");
        references.AssertField("services[0]", "there is no service 'no-such-service'");
        references.AssertField("services[1]", "belongs to another team");
        references.AssertField("levels[0].targets[0].user", "there is no user 'nobody@example.test'");
        references.AssertField("levels[0].targets[1].schedule", "there is no schedule 'no-such-schedule'");
        references.AssertField("levels[0].targets[2].team", "there is no team 'no-such-team'");
        duplicate.AssertField("name", "already exists");
        Assert.Equal(name, Assert.Single(list.Items).Name);

        (await admin.DeleteAsync($"api/v1/schedules/{schedule}")).EnsureSuccessStatusCode();
        var emptied = await (await admin.GetAsync($"api/v1/escalation-policies/{name}")).ReadAsync<EscalationPolicyResponse>(HttpStatusCode.OK);
        Assert.Equal(("schedule", "(removed)"), (emptied.Levels[0].Targets[0].Kind, emptied.Levels[0].Targets[0].Name));
        Assert.Contains("level 1 reaches nobody now", Assert.Single(emptied.Warnings), StringComparison.Ordinal);
        (await admin.DeleteAsync($"api/v1/escalation-policies/{name}")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"api/v1/escalation-policies/{name}")).StatusCode);
    }
}
