using System.Net;
using System.Net.Http.Json;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.IntegrationTests.Infrastructure;
using static Unyo.IntegrationTests.OnCall.ScheduleKit;

namespace Unyo.IntegrationTests.OnCall;

public sealed class ScheduleApiTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task ATokyoWeeklyRotationHandsOverAtNineLocalAndTheAnswerSaysUntilWhen(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, people, _) = await TeamAsync(app);
        var name = Names.Unique("tokyo");

        var created = await (await admin.PostJsonAsync("api/v1/schedules", Weekly(name, team, "Asia/Tokyo", "2026-01-05T09:00", people))).ReadAsync<ScheduleResponse>(HttpStatusCode.Created);
        // 09:00 in Tokyo on Monday 12 January is 00:00 UTC: the second turn begins exactly then.
        var before = await (await admin.GetAsync($"api/v1/schedules/{name}/oncall?at=2026-01-11T23:59:59Z")).ReadAsync<OnCallResponse>(HttpStatusCode.OK);
        var handoff = await (await admin.GetAsync($"api/v1/schedules/{name}/oncall?at=2026-01-12T09:00:00%2B09:00")).ReadAsync<OnCallResponse>(HttpStatusCode.OK);
        var third = await (await admin.GetAsync($"api/v1/schedules/{name}/oncall?at=2026-01-19T00:00:00Z")).ReadAsync<OnCallResponse>(HttpStatusCode.OK);
        var now = await (await admin.GetAsync($"api/v1/oncall?team={team}")).ReadAsync<List<OnCallResponse>>(HttpStatusCode.OK);

        Assert.Equal(("Asia/Tokyo", "weekly", 1, "2026-01-05T09:00"), (created.TimeZone, created.Layers[0].Turn, created.Layers[0].TurnCount, created.Layers[0].Start));
        Assert.Empty(created.Gaps);
        Assert.Equal((people[0], "primary", DateTimeOffset.Parse("2026-01-12T00:00:00Z")), (before.Person!.Email, before.Source, before.Until));
        Assert.Equal((people[1], "primary", DateTimeOffset.Parse("2026-01-19T00:00:00Z")), (handoff.Person!.Email, handoff.Source, handoff.Until));
        Assert.Equal(DateTimeOffset.Parse("2026-01-12T00:00:00Z"), handoff.At);
        Assert.Equal(people[0], third.Person!.Email);
        Assert.Equal([name], now.Select(a => a.Schedule));
        Assert.Contains(now.Single().Person!.Email, people);
    }

    [Theory, DatabaseData]
    public async Task DailyHandoffsFollowNewYorksWallClockAcrossDstWhileHourTurnsKeepElapsedTime(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, people, _) = await TeamAsync(app);
        var (daily, hours) = (Names.Unique("ny-daily"), Names.Unique("ny-hours"));
        (await admin.PostJsonAsync("api/v1/schedules", new ScheduleRequest
        {
            Name = daily, Team = team, TimeZone = "America/New_York",
            Layers = [new() { Name = "days", Users = people, Turn = "daily", Start = "2026-03-07T09:00" }],
        })).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync("api/v1/schedules", new ScheduleRequest
        {
            Name = hours, Team = team, TimeZone = "America/New_York",
            Layers = [new() { Name = "halves", Users = people, Turn = "hours", TurnCount = 12, Start = "2026-03-07T21:00" }],
        })).EnsureSuccessStatusCode();

        // Summer time begins at 02:00 on Sunday 8 March 2026: 09:00 was 14:00 UTC on Saturday, 13:00 UTC on Sunday.
        var saturday = await (await admin.GetAsync($"api/v1/schedules/{daily}/oncall?at=2026-03-07T14:00:00Z")).ReadAsync<OnCallResponse>(HttpStatusCode.OK);
        var sunday = await (await admin.GetAsync($"api/v1/schedules/{daily}/oncall?at=2026-03-08T13:00:00Z")).ReadAsync<OnCallResponse>(HttpStatusCode.OK);
        // 12-hour turns from 21:00 EST (02:00 UTC): the next handoff is 14:00 UTC, which is now 10:00 EDT.
        var half = await (await admin.GetAsync($"api/v1/schedules/{hours}/oncall?at=2026-03-08T13:59:00Z")).ReadAsync<OnCallResponse>(HttpStatusCode.OK);
        var shifts = await (await admin.GetAsync($"api/v1/schedules/{daily}/shifts?from=2026-03-07T14:00:00Z&to=2026-03-09T14:00:00Z")).ReadAsync<ScheduleShiftsResponse>(HttpStatusCode.OK);

        Assert.Equal((people[0], DateTimeOffset.Parse("2026-03-08T13:00:00Z")), (saturday.Person!.Email, saturday.Until));
        Assert.Equal((people[1], DateTimeOffset.Parse("2026-03-09T13:00:00Z")), (sunday.Person!.Email, sunday.Until));
        Assert.Equal((people[0], DateTimeOffset.Parse("2026-03-08T14:00:00Z")), (half.Person!.Email, half.Until));
        Assert.Equal([TimeSpan.FromHours(23), TimeSpan.FromHours(24), TimeSpan.FromHours(1)], shifts.Shifts.Select(s => s.End - s.Start));
        Assert.Equal([people[0], people[1], people[0]], shifts.Shifts.Select(s => s.Person.Email));
        Assert.Empty(shifts.Gaps);
    }

    [Theory, DatabaseData]
    public async Task GapsAreAcceptedAndFlaggedAndOverridesWinUntilTheyAreDeleted(string provider)
    {
        var app = await servers.GetAsync(provider);
        var (team, people, memberToken) = await TeamAsync(app);
        using var member = app.Client(memberToken);
        var name = Names.Unique("office");
        var request = Weekly(name, team, "Europe/London", "2026-01-05T09:00", people[0]) with
        {
            Layers = [new() { Name = "office", Users = [people[0]], Turn = "weekly", Start = "2026-01-05T09:00", Restrictions = [new() { Type = "daily", From = "09:00", To = "17:00", Days = ["Monday", "tue", "wed", "thu", "fri"] }] }],
        };

        var created = await (await member.PostJsonAsync("api/v1/schedules", request)).ReadAsync<ScheduleResponse>(HttpStatusCode.Created);
        var gap = await (await member.GetAsync($"api/v1/schedules/{name}/oncall?at=2026-02-02T08:00:00Z")).ReadAsync<OnCallResponse>(HttpStatusCode.OK);
        var shifts = await (await member.GetAsync($"api/v1/schedules/{name}/shifts?from=2026-02-02T00:00:00Z&to=2026-02-03T00:00:00Z")).ReadAsync<ScheduleShiftsResponse>(HttpStatusCode.OK);
        var tooLong = await (await member.GetAsync($"api/v1/schedules/{name}/shifts?from=2026-02-02T00:00:00Z&to=2026-06-02T00:00:00Z")).ProblemAsync(HttpStatusCode.BadRequest);
        var start = TimeProvider.System.GetUtcNow().AddDays(1);
        var cover = await (await member.PostJsonAsync($"api/v1/schedules/{name}/overrides", new ScheduleOverrideRequest { User = people[1], Start = At(start), End = At(start.AddHours(8)), Reason = "Night cover" }))
            .ReadAsync<ScheduleOverrideResponse>(HttpStatusCode.Created);
        var during = await (await member.GetAsync($"api/v1/schedules/{name}/oncall?at={Uri.EscapeDataString(At(start.AddHours(1)))}")).ReadAsync<OnCallResponse>(HttpStatusCode.OK);
        var overlap = await (await member.PostJsonAsync($"api/v1/schedules/{name}/overrides", new ScheduleOverrideRequest { User = people[0], Start = At(start.AddHours(7)), End = At(start.AddHours(9)) }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        var listed = await (await member.GetAsync($"api/v1/schedules/{name}")).ReadAsync<ScheduleResponse>(HttpStatusCode.OK);
        var removed = await member.DeleteAsync($"api/v1/schedules/{name}/overrides/{cover.Id}");
        var after = await (await member.GetAsync($"api/v1/schedules/{name}/oncall?at={Uri.EscapeDataString(At(start.AddHours(1)))}")).ReadAsync<OnCallResponse>(HttpStatusCode.OK);

        Assert.NotEmpty(created.Gaps);
        Assert.Equal(["mon", "tue", "wed", "thu", "fri"], created.Layers[0].Restrictions![0].Days);
        Assert.Equal((null, null, DateTimeOffset.Parse("2026-02-02T09:00:00Z")), (gap.Person, gap.Source, gap.Until));
        Assert.Equal([(DateTimeOffset.Parse("2026-02-02T09:00:00Z"), DateTimeOffset.Parse("2026-02-02T17:00:00Z"))], shifts.Shifts.Select(s => (s.Start, s.End)));
        Assert.Equal(2, shifts.Gaps.Count);
        tooLong.AssertField("to", "at most 93 days");
        Assert.Equal((people[1], "Night cover"), (cover.User.Email, cover.Reason));
        Assert.Equal((people[1], "override"), (during.Person!.Email, during.Source));
        overlap.AssertField("start", $"overlaps the override of {people[1]}");
        Assert.Equal([cover.Id], listed.Overrides.Select(o => o.Id));
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.NotEqual("override", after.Source);
    }

    [Theory, DatabaseData]
    public async Task BadInputNamesEveryFieldAndWritesNothing(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, people, _) = await TeamAsync(app, 1);
        var name = Names.Unique("bad");

        var shape = await (await admin.PostJsonAsync("api/v1/schedules", new ScheduleRequest
        {
            Name = name, Team = team, TimeZone = "Mars/Olympus",
            Layers =
            [
                new() { Name = "primary", Users = [], Turn = "weekly", TurnCount = 0, Start = "2026-01-05 9am" },
                new() { Name = "second", Users = [people[0]], Turn = "fortnightly", Start = "2026-01-05T09:00", Restrictions = [new() { Type = "daily", From = "25:00", To = "17:00", Days = ["funday"] }, new() { Type = "weekly", From = "09:00", To = "17:00", FromDay = "mon" }] },
                new() { Name = "third", Users = [people[0]], Turn = "hours", TurnCount = 100000, Start = "2026-01-05T09:00" },
            ],
        })).ProblemAsync(HttpStatusCode.BadRequest);
        var state = await (await admin.PostJsonAsync("api/v1/schedules", Weekly(name, "no-such-team", "UTC", "2026-01-05T09:00", "nobody@example.test", people[0])))
            .ProblemAsync(HttpStatusCode.BadRequest);
        var missing = await admin.GetAsync($"api/v1/schedules/{name}");

        shape.AssertField("timeZone", "Mars/Olympus");
        shape.AssertField("layers[0].users", "at least one user");
        shape.AssertField("layers[0].turnCount", "from 1 to 52");
        shape.AssertField("layers[0].start", "2026-01-05 9am");
        shape.AssertField("layers[1].turn", "fortnightly");
        shape.AssertField("layers[1].restrictions[0].from", "25:00");
        shape.AssertField("layers[1].restrictions[0].days[0]", "funday");
        shape.AssertField("layers[1].restrictions[1].toDay", "is required");
        shape.AssertField("layers[2].turnCount", "from 1 to 2160");
        state.AssertField("team", "does not exist");
        state.AssertField("layers[0].users[0]", "there is no user 'nobody@example.test'");
        Assert.False(state.ContainsKey("layers[0].users[1]"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory, DatabaseData]
    public async Task OnlyTheOwningTeamAndAdminsWriteWhileEveryoneSignedInReads(string provider)
    {
        var app = await servers.GetAsync(provider);
        var (team, people, memberToken) = await TeamAsync(app);
        var outsider = await app.CreateUserAsync(OrgRole.Member);
        var viewer = await app.CreateUserAsync(OrgRole.Viewer);
        var name = Names.Unique("owned");
        var request = Weekly(name, team, "Asia/Tokyo", "2026-01-05T09:00", people);

        var refused = await app.Client(outsider.Token).PostJsonAsync("api/v1/schedules", request);
        var created = await app.Client(memberToken).PostJsonAsync("api/v1/schedules", request);
        var read = await app.Client(viewer.Token).GetAsync($"api/v1/schedules/{name}");
        var viewerWrite = await app.Client(viewer.Token).PutAsJsonAsync($"api/v1/schedules/{name}", request);
        var outsiderOverride = await app.Client(outsider.Token).PostJsonAsync($"api/v1/schedules/{name}/overrides",
            new ScheduleOverrideRequest { User = outsider.Email, Start = At(TimeProvider.System.GetUtcNow().AddHours(1)), End = At(TimeProvider.System.GetUtcNow().AddHours(2)) });
        var audit = await (await app.Admin().GetAsync($"api/v1/audit?kind=Schedule&name={name}&limit=10")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewerWrite.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, outsiderOverride.StatusCode);
        Assert.Equal(["schedule.create"], audit.Items.Select(r => r.Action));
    }
}
