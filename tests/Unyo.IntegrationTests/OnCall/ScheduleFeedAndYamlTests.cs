using System.Net;
using Ical.Net;
using Unyo.Client;
using Unyo.IntegrationTests.Infrastructure;
using static Unyo.IntegrationTests.ConfigAsCode.YamlKit;
using static Unyo.IntegrationTests.OnCall.ScheduleKit;

namespace Unyo.IntegrationTests.OnCall;

public sealed class ScheduleFeedAndYamlTests(Servers servers)
{
    private static string ScheduleYaml(string name, string team, string zone, params string[] users) => $"""
        apiVersion: unyo.dev/v1
        kind: Schedule
        metadata:
          name: {name}
          team: {team}
        spec:
          timeZone: {zone}
          description: Follow the sun
          layers:
            - name: weekdays
              users: [{string.Join(", ", users)}]
              turn: daily
              turnCount: 2
              start: 2026-01-05T09:00
              restrictions:
                - type: weekly
                  fromDay: mon
                  from: "09:00"
                  toDay: fri
                  to: "17:00"
            - name: nights
              users: [{users[0]}]
              turn: hours
              turnCount: 12
              start: 2026-01-05T21:00
              end: 2027-01-05T21:00
              restrictions:
                - type: daily
                  from: "22:00"
                  to: "06:00"
                  days: [sat, sun]
        """;

    private static ApplyRequest Files(bool dryRun, bool prune, params string[] documents) =>
        new() { Files = [new ApplyFile("oncall.yaml", string.Join("\n---\n", documents))], DryRun = dryRun, Prune = prune };

    [Theory, DatabaseData]
    public async Task ApplyCreatesASchedulesAndItsExportAppliesBackUnchanged(string provider)
    {
        var app = await servers.GetIsolatedAsync(provider, "schedule-yaml");
        using var admin = app.Admin();
        var (team, people, _) = await TeamAsync(app);
        var name = Names.Unique("sun");
        var request = Files(false, false, ScheduleYaml(name, team, "Asia/Tokyo", people));

        var applied = await ApplyAsync(admin, request);
        var again = await ApplyAsync(admin, request);
        var stored = await (await admin.GetAsync($"api/v1/schedules/{name}")).ReadAsync<ScheduleResponse>(HttpStatusCode.OK);
        var export = await (await admin.GetAsync("api/v1/export")).Content.ReadAsStringAsync();
        var replan = await ApplyAsync(admin, new ApplyRequest { Files = [new ApplyFile("export.yaml", export)], DryRun = true, Prune = true });
        var changed = await ApplyAsync(admin, Files(true, false, ScheduleYaml(name, team, "Europe/London", people)));

        Assert.Contains($"create Schedule {name}", applied.Changes.Select(c => $"{c.Action} {c.Kind} {c.Name}"));
        Assert.All(again.Changes, c => Assert.Equal("unchanged", c.Action));
        Assert.Equal(("apply", "Asia/Tokyo", 2), (stored.ManagedBy, stored.TimeZone, stored.Layers.Count));
        Assert.Equal(("fri", "17:00", "2027-01-05T21:00"), (stored.Layers[0].Restrictions![0].ToDay, stored.Layers[0].Restrictions![0].To, stored.Layers[1].End));
        Assert.Equal(people, stored.Layers[0].Users);
        Assert.Contains("kind: Schedule", export);
        Assert.Contains(replan.Changes, c => c.Kind == "Schedule" && c.Name == name);
        Assert.All(replan.Changes, c => Assert.Equal("unchanged", c.Action));
        Assert.Equal([new FieldChange("spec.timeZone", "Asia/Tokyo", "Europe/London")], changed.Changes.Single(c => c.Kind == "Schedule").Fields);
    }

    [Theory, DatabaseData]
    public async Task UnknownUsersAndZonesInYamlNameTheirPlaceAndNothingIsApplied(string provider)
    {
        var app = await servers.GetIsolatedAsync(provider, "schedule-yaml-errors");
        using var admin = app.Admin();
        var (team, people, _) = await TeamAsync(app, 1);
        var (good, bad) = (Names.Unique("good"), Names.Unique("bad"));

        // Fields are checked document by document first; references once every document reads well.
        var fields = await (await admin.PostJsonAsync("api/v1/apply", Files(false, false,
            ScheduleYaml(good, team, "Asia/Tokyo", people[0]), ScheduleYaml(bad, team, "Atlantis/Capital", people[0])))).ProblemAsync(HttpStatusCode.BadRequest);
        var references = await (await admin.PostJsonAsync("api/v1/apply", Files(false, false,
            ScheduleYaml(good, team, "Asia/Tokyo", people[0], "ghost@example.test")))).ProblemAsync(HttpStatusCode.BadRequest);
        var missing = await admin.GetAsync($"api/v1/schedules/{good}");

        Assert.Contains(references, e => e.Key.EndsWith("spec.layers[0].users[1]", StringComparison.Ordinal) && e.Value.Any(m => m.Contains("ghost@example.test", StringComparison.Ordinal)));
        Assert.Contains(fields, e => e.Key.Contains("document 2", StringComparison.Ordinal) && e.Key.EndsWith("spec.timeZone", StringComparison.Ordinal) && e.Value.Any(m => m.Contains("Atlantis/Capital", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory, DatabaseData]
    public async Task CalendarFeedsParseBackToTheFinalScheduleShiftByShift(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, people, _) = await TeamAsync(app);
        var name = Names.Unique("feed");
        (await admin.PostJsonAsync("api/v1/schedules", Weekly(name, team, "Asia/Tokyo", "2026-01-05T09:00", people))).EnsureSuccessStatusCode();

        var schedule = await admin.GetAsync($"api/v1/schedules/{name}/calendar.ics");
        var mine = await admin.GetAsync($"api/v1/users/{Uri.EscapeDataString(people[1])}/oncall.ics");
        var parsed = Calendar.Load(await schedule.Content.ReadAsStringAsync())!;
        var personal = Calendar.Load(await mine.Content.ReadAsStringAsync())!;
        var from = parsed.Events.Min(e => e.DtStart!.AsUtc);
        var shifts = await (await admin.GetAsync($"api/v1/schedules/{name}/shifts?from={Uri.EscapeDataString(At(from))}&to={Uri.EscapeDataString(At(from.AddDays(56)))}"))
            .ReadAsync<ScheduleShiftsResponse>(HttpStatusCode.OK);

        Assert.Equal("text/calendar", schedule.Content.Headers.ContentType?.MediaType);
        // 60 days of weekly turns: 9 or 10 events, each a week long but the first and the last.
        Assert.InRange(parsed.Events.Count, 9, 10);
        Assert.All(parsed.Events.Skip(1).SkipLast(1), e => Assert.Equal(TimeSpan.FromDays(7), e.DtEnd!.AsUtc - e.DtStart!.AsUtc));
        Assert.Equal(
            shifts.Shifts.Skip(1).Take(7).Select(s => (s.Start.UtcDateTime, $"On call: {s.Person.DisplayName} ({name})")),
            parsed.Events.OrderBy(e => e.DtStart!.AsUtc).Skip(1).Take(7).Select(e => (e.DtStart!.AsUtc, e.Summary!)));
        Assert.NotEmpty(personal.Events);
        Assert.All(personal.Events, e => Assert.Contains(people[1], e.Description, StringComparison.Ordinal));
        Assert.Equal(parsed.Events.Count(e => e.Description!.Contains(people[1], StringComparison.Ordinal)), personal.Events.Count(e => e.Summary!.Contains(name, StringComparison.Ordinal)));
    }

    [Theory, DatabaseData]
    public async Task ASecretFeedUrlServesItsOwnersShiftsWithoutATokenUntilItIsReplaced(string provider)
    {
        var app = await servers.GetAsync(provider);
        var (team, people, token) = await TeamAsync(app);
        using var owner = app.Client(token);
        var name = Names.Unique("secret-feed");
        (await owner.PostJsonAsync("api/v1/schedules", Weekly(name, team, "Asia/Tokyo", "2026-01-05T09:00", people))).EnsureSuccessStatusCode();

        var first = await (await owner.PostAsync("api/v1/me/oncall-feed", null)).ReadAsync<OnCallFeedResponse>(HttpStatusCode.OK);
        using var calendarApp = app.Client();
        var feed = await calendarApp.GetAsync(new Uri(first.Url).PathAndQuery.TrimStart('/'));
        var parsed = Calendar.Load(await feed.Content.ReadAsStringAsync())!;
        var second = await (await owner.PostAsync("api/v1/me/oncall-feed", null)).ReadAsync<OnCallFeedResponse>(HttpStatusCode.OK);
        var replaced = await calendarApp.GetAsync(new Uri(first.Url).PathAndQuery.TrimStart('/'));
        var current = await calendarApp.GetAsync(new Uri(second.Url).PathAndQuery.TrimStart('/'));
        var guessed = await calendarApp.GetAsync("oncall/feeds/not-a-secret");

        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.True(new Uri(first.Url).AbsolutePath.Length > "/oncall/feeds/".Length + 40, first.Url);
        Assert.NotEmpty(parsed.Events);
        Assert.All(parsed.Events, e => Assert.Contains(people[0], e.Description, StringComparison.Ordinal));
        Assert.NotEqual(first.Url, second.Url);
        Assert.Equal(HttpStatusCode.NotFound, replaced.StatusCode);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, guessed.StatusCode);
    }
}
