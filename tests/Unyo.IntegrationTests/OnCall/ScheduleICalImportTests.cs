using System.Net;
using System.Text;
using Unyo.Client;
using Unyo.IntegrationTests.Infrastructure;
using static Unyo.IntegrationTests.OnCall.SwapKit;

namespace Unyo.IntegrationTests.OnCall;

public sealed class ScheduleICalImportTests(Servers servers)
{
    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Event(string uid, string lines) => $"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\n{lines.ReplaceLineEndings("\r\n").TrimEnd()}\r\nEND:VEVENT\r\n";

    private static StringContent Ics(params string[] events) =>
        new($"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//EN\r\n{string.Concat(events)}END:VCALENDAR\r\n", Encoding.UTF8, "text/calendar");

    private static async Task<string> PersonAsync(UnyoApp app, string displayName)
    {
        var email = $"{Guid.NewGuid():N}@example.test";
        (await app.Admin().PostJsonAsync("api/v1/users", new { email, displayName, role = "member", password = "ical-import-password-1" })).EnsureSuccessStatusCode();
        return email;
    }

    [Theory, DatabaseData]
    public async Task AttendeesSummariesAndARecurringEventBecomeAFixedLayerOnTopThatExportsAndAppliesBackUnchanged(string provider)
    {
        var app = await servers.GetIsolatedAsync(provider, "ical-import");
        using var admin = app.Admin();
        var (schedule, people) = await RotationAsync(app, 3);
        var dana = $"Dana {Guid.NewGuid():N}"[..13];
        var danaEmail = await PersonAsync(app, dana);
        var day = TimeProvider.System.GetUtcNow().UtcDateTime.Date;
        var now = TimeProvider.System.GetUtcNow();
        var weekly = new DateTimeOffset(day.AddDays(4).AddHours(9), TimeSpan.Zero);
        var ics = Ics(
            Event("e-attendee", $"DTSTART:{Stamp(day.AddDays(1).AddHours(9))}\nDTEND:{Stamp(day.AddDays(1).AddHours(17))}\nATTENDEE;CN=Somebody:mailto:{people[0].Email.ToUpperInvariant()}\nSUMMARY:Primary"),
            Event("e-summary", $"DTSTART:{Stamp(day.AddDays(2).AddHours(9))}\nDTEND:{Stamp(day.AddDays(2).AddHours(17))}\nSUMMARY:On call: {people[1].Email}"),
            Event("e-name", $"DTSTART:{day.AddDays(3):yyyyMMdd}T090000\nDTEND:{day.AddDays(3):yyyyMMdd}T170000\nSUMMARY:{dana}"),
            Event("e-weekly", $"DTSTART:{Stamp(weekly)}\nDTEND:{Stamp(weekly.AddHours(8))}\nRRULE:FREQ=WEEKLY\nATTENDEE:mailto:{people[2].Email}"),
            Event("e-past", $"DTSTART:{Stamp(day.AddDays(-10))}\nDTEND:{Stamp(day.AddDays(-9))}\nATTENDEE:mailto:{people[2].Email}"));
        var weeks = Enumerable.Range(0, 20).Count(k => weekly.AddDays(7 * k) < now.AddDays(93));

        var imported = await (await admin.PostAsync($"api/v1/schedules/{schedule}/layers/imported/ical", ics)).ReadAsync<ScheduleICalImportResponse>(HttpStatusCode.OK);
        var stored = await (await admin.GetAsync($"api/v1/schedules/{schedule}")).ReadAsync<ScheduleResponse>(HttpStatusCode.OK);
        var first = await OnCallAsync(app, schedule, new DateTimeOffset(day.AddDays(1).AddHours(10), TimeSpan.Zero));
        var second = await OnCallAsync(app, schedule, new DateTimeOffset(day.AddDays(2).AddHours(10), TimeSpan.Zero));
        var outside = await OnCallAsync(app, schedule, new DateTimeOffset(day.AddDays(2).AddHours(18), TimeSpan.Zero));
        var named = await OnCallAsync(app, schedule, new DateTimeOffset(day.AddDays(3).AddHours(16), TimeSpan.Zero));
        var later = await OnCallAsync(app, schedule, weekly.AddDays(7 * (weeks - 1)).AddHours(1));
        var export = await (await admin.GetAsync("api/v1/export")).Content.ReadAsStringAsync();
        var replan = await (await admin.PostJsonAsync("api/v1/apply", new ApplyRequest { Files = [new ApplyFile("export.yaml", export)], DryRun = true, Prune = true })).ReadAsync<ApplyResponse>(HttpStatusCode.OK);
        var again = await (await admin.PostAsync($"api/v1/schedules/{schedule}/layers/imported/ical", Ics(Event("only", $"DTSTART:{Stamp(day.AddDays(5).AddHours(1))}\nDTEND:{Stamp(day.AddDays(5).AddHours(2))}\nSUMMARY:{dana}"))))
            .ReadAsync<ScheduleICalImportResponse>(HttpStatusCode.OK);
        var replaced = await (await admin.GetAsync($"api/v1/schedules/{schedule}")).ReadAsync<ScheduleResponse>(HttpStatusCode.OK);

        Assert.Equal((true, 3 + weeks), (imported.Created, imported.Shifts));
        Assert.Empty(imported.Skipped);
        Assert.Equal(["days", "imported"], stored.Layers.Select(l => l.Name));
        var layer = stored.Layers[1];
        Assert.Equal(("fixed", (int?)null, (string?)null), (layer.Turn, layer.TurnCount, layer.Start));
        Assert.Equal(3 + weeks, layer.Shifts!.Count);
        Assert.Equal((people[0].Email, "imported"), (first.Person!.Email, first.Source));
        Assert.Equal(people[1].Email, second.Person!.Email);
        Assert.Equal("days", outside.Source);
        Assert.Equal((danaEmail, "imported"), (named.Person!.Email, named.Source));
        Assert.Equal((people[2].Email, "imported"), (later.Person!.Email, later.Source));
        Assert.Contains("turn: fixed", export);
        Assert.Contains(replan.Changes, c => c.Kind == "Schedule" && c.Name == schedule);
        Assert.All(replan.Changes, c => Assert.Equal("unchanged", c.Action));
        Assert.Equal((false, 1), (again.Created, again.Shifts));
        Assert.Equal([danaEmail], replaced.Layers[1].Shifts!.Select(s => s.User));
    }

    [Theory, DatabaseData]
    public async Task AnyBadEventRefusesTheWholeFileAndSkipUnknownLeavesOutOnlyThoseThatNameNobody(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (schedule, people) = await RotationAsync(app);
        var day = TimeProvider.System.GetUtcNow().UtcDateTime.Date;
        var good = Event("good", $"DTSTART:{Stamp(day.AddDays(1).AddHours(9))}\nDTEND:{Stamp(day.AddDays(1).AddHours(17))}\nATTENDEE:mailto:{people[0].Email}");
        var nobody = Event("nobody", $"DTSTART:{Stamp(day.AddDays(2).AddHours(9))}\nDTEND:{Stamp(day.AddDays(2).AddHours(17))}\nSUMMARY:Someone Else\nATTENDEE:mailto:stranger@example.test");
        var noEnd = Event("no-end", $"DTSTART:{Stamp(day.AddDays(3).AddHours(9))}\nSUMMARY:{people[1].Email}");
        var overlapping = Event("overlap", $"DTSTART:{Stamp(day.AddDays(1).AddHours(16))}\nDTEND:{Stamp(day.AddDays(1).AddHours(18))}\nSUMMARY:{people[1].Email}");
        var url = $"api/v1/schedules/{schedule}/layers/imported/ical";
        var outsider = await app.CreateUserAsync(Features.Accounts.OrgRole.Member);

        var unknown = await (await admin.PostAsync(url, Ics(good, nobody))).ProblemAsync(HttpStatusCode.BadRequest);
        var broken = await (await admin.PostAsync($"{url}?skipUnknown=true", Ics(good, nobody, noEnd, overlapping))).ProblemAsync(HttpStatusCode.BadRequest);
        var notCalendar = await admin.PostAsync(url, new StringContent("{}", Encoding.UTF8, "application/json"));
        var garbage = await (await admin.PostAsync(url, new StringContent("BEGIN:VCALENDAR\r\nthis is not\r\n", Encoding.UTF8, "text/calendar"))).ProblemAsync(HttpStatusCode.BadRequest);
        var huge = await admin.PostAsync(url, new StringContent(new string('x', 1024 * 1024 + 1), Encoding.UTF8, "text/calendar"));
        var badName = await (await admin.PostAsync($"api/v1/schedules/{schedule}/layers/Not_A_Slug/ical", Ics(good))).ProblemAsync(HttpStatusCode.BadRequest);
        var refused = await app.Client(outsider.Token).PostAsync(url, Ics(good));
        var untouched = await (await admin.GetAsync($"api/v1/schedules/{schedule}")).ReadAsync<ScheduleResponse>(HttpStatusCode.OK);
        var skipped = await (await admin.PostAsync($"{url}?skipUnknown=true", Ics(good, nobody))).ReadAsync<ScheduleICalImportResponse>(HttpStatusCode.OK);

        unknown.AssertField("events[1]", "line 11, UID nobody: names no enabled user: ATTENDEE stranger@example.test, and SUMMARY 'Someone Else'");
        Assert.False(unknown.ContainsKey("events[0]"));
        Assert.False(broken.ContainsKey("events[1]"));
        broken.AssertField("events[2]", "UID no-end: has no DTEND");
        broken.AssertField("events[3]", "UID overlap: from ");
        broken.AssertField("events[3]", "overlaps event 0 (good");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notCalendar.StatusCode);
        garbage.AssertField("body", "iCalendar");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.True(badName.ContainsKey("layer"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(["days"], untouched.Layers.Select(l => l.Name));
        Assert.Equal((1, "nobody", 1, 11), (skipped.Shifts, Assert.Single(skipped.Skipped).Uid, skipped.Skipped[0].Index, skipped.Skipped[0].Line));
    }
}
