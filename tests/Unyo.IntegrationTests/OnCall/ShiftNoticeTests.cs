using Microsoft.Extensions.Time.Testing;
using Unyo.Client;
using Unyo.IntegrationTests.Alerts;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Notifications;
using static Unyo.IntegrationTests.OnCall.ShiftNoticeKit;

namespace Unyo.IntegrationTests.OnCall;

// "Your shift starts" notices and the Monday digest, end to end: a daily rotation in Berlin, the
// test's clock, the worker run when the test says (and by itself as the clock moves), mail through
// the real sender to a local SMTP listener.
public sealed class ShiftNoticeTests(Servers servers)
{
    // The rotation hands over at 14:00 Berlin (12:00 UTC): B until Monday 1 June 12:00 UTC, then
    // A, B, A… a day each. The notice tests start on Wednesday, clear of Monday's digests.
    private static readonly DateTimeOffset Monday = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Midnight = new(2026, 6, 3, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Handoff = new(2026, 6, 3, 12, 0, 0, TimeSpan.Zero);

    private sealed record Setup(UnyoApp App, string Schedule, string A, string B, string C, Guid AId, Guid BId);

    private static async Task<Setup> ScheduleAsync(UnyoApp app)
    {
        var (team, people, _) = await ScheduleKit.TeamAsync(app, people: 3);
        var name = Names.Unique("primary");
        (await app.Admin().PostJsonAsync("api/v1/schedules", new ScheduleRequest
        {
            Name = name, Team = team, TimeZone = "Europe/Berlin",
            Layers = [new() { Name = "days", Users = [people[0], people[1]], Turn = "daily", Start = "2026-05-26T14:00" }],
        })).EnsureSuccessStatusCode();
        return new Setup(app, name, people[0], people[1], people[2], await UserIdAsync(app, people[0]), await UserIdAsync(app, people[1]));
    }

    [Theory, DatabaseData]
    public async Task AShiftNoticeIsSentExactlyOneHourBeforeTheShiftByEmailOnlyAndNeverTwice(string provider)
    {
        await using var smtp = new SmtpListener(offerStartTls: false);
        var clock = new FakeTimeProvider(Midnight);
        var s = await ScheduleAsync(await AppAsync(servers, provider, clock, smtp));
        var admin = s.App.Admin();
        await ContactMethodKit.AddAsync(admin, s.A, "email", address: "a-second@example.test");
        await ContactMethodKit.AddAsync(admin, s.A, "sms", address: "+4915100000001");

        clock.Advance(Handoff - TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1) - Midnight);
        await RunAsync(s.App);
        Assert.Empty(await NoticesAsync(s.App));
        Assert.Empty(await OutboxAsync(s.App));

        clock.Advance(TimeSpan.FromSeconds(1));
        await RunAsync(s.App);
        await NewWorker(s.App).RunOnceAsync(CancellationToken.None);
        var notice = Assert.Single(await NoticesAsync(s.App));
        Assert.Equal((s.AId, Handoff, Handoff.AddHours(-1)), (notice.UserId, notice.ShiftStart, notice.SentAt));
        var outbox = await OutboxAsync(s.App);
        Assert.Equal(2, outbox.Count);
        Assert.All(outbox, n => Assert.Equal((s.AId, (long?)null, Handoff.AddHours(-1)), (n.UserId, n.AlertId, n.NextAttemptAt)));

        Assert.Equal(2, await NotifyKit.DispatchAsync(s.App));
        var mails = smtp.Mails.ToList();
        Assert.Equal([s.A, "a-second@example.test"], mails.SelectMany(m => m.To).Order(StringComparer.Ordinal).Reverse());
        var mail = Parse(mails[0]);
        Assert.Equal($"Your on-call shift on {s.Schedule} starts at Wed 3 Jun 2026 14:00 (Europe/Berlin)", mail.Subject);
        Assert.Contains($"You are on call on {s.Schedule} from Wed 3 Jun 2026 14:00 until Thu 4 Jun 2026 14:00 (Europe/Berlin).", mail.TextBody);
        Assert.Contains($"Open: https://unyo.example.com/schedules/{s.Schedule}", mail.TextBody);
        Assert.DoesNotContain("Acknowledge", mail.TextBody);
        Assert.Null(mail.Headers["X-Unyo-Alert"]);

        // B's shift the next day, with three workers at once (this node's, and two "other nodes").
        clock.Advance(TimeSpan.FromDays(1));
        await Task.WhenAll(RunAsync(s.App), NewWorker(s.App).RunOnceAsync(CancellationToken.None), NewWorker(s.App).RunOnceAsync(CancellationToken.None));
        var notices = await NoticesAsync(s.App);
        Assert.Equal([(s.AId, Handoff), (s.BId, Handoff.AddDays(1))], notices.Select(n => (n.UserId, n.ShiftStart)));
        Assert.Single(await OutboxAsync(s.App), n => n.UserId == s.BId);
    }

    [Theory, DatabaseData]
    public async Task AnOverrideThatExtendsAShiftMakesOneShiftWithOneNotice(string provider)
    {
        await using var smtp = new SmtpListener(offerStartTls: false);
        var clock = new FakeTimeProvider(Midnight);
        var s = await ScheduleAsync(await AppAsync(servers, provider, clock, smtp));
        // A stays on six hours into B's day: A's watch runs to Thursday 18:00 UTC, B's begins then.
        (await s.App.Admin().PostJsonAsync($"api/v1/schedules/{s.Schedule}/overrides", new ScheduleOverrideRequest
        {
            User = s.A, Start = ScheduleKit.At(Handoff.AddDays(1)), End = ScheduleKit.At(Handoff.AddDays(1).AddHours(6)),
        })).EnsureSuccessStatusCode();

        foreach (var at in new[] { Handoff.AddHours(-1), Handoff.AddDays(1).AddHours(-1), Handoff.AddDays(1).AddHours(5) })
        {
            clock.Advance(at - clock.GetUtcNow());
            await RunAsync(s.App);
        }

        var notices = await NoticesAsync(s.App);
        Assert.Equal([(s.AId, Handoff), (s.BId, Handoff.AddDays(1).AddHours(6))], notices.Select(n => (n.UserId, n.ShiftStart)));
        Assert.Equal(2, await NotifyKit.DispatchAsync(s.App));
        var first = Parse(Assert.Single(smtp.Mails, m => m.To.Contains(s.A)));
        Assert.Contains("from Wed 3 Jun 2026 14:00 until Thu 4 Jun 2026 20:00 (Europe/Berlin)", first.TextBody);
    }

    [Theory, DatabaseData]
    public async Task EveryoneWithShiftsGetsOneDigestOnMondayAtNineAndNoticesStayOffWithLeadZero(string provider)
    {
        await using var smtp = new SmtpListener(offerStartTls: false);
        var nine = Monday.AddHours(9);
        var clock = new FakeTimeProvider(nine - TimeSpan.FromSeconds(1));
        var s = await ScheduleAsync(await AppAsync(servers, provider, clock, smtp, lead: "0"));
        await RunAsync(s.App);
        Assert.Empty(await DigestsAsync(s.App));

        clock.Advance(TimeSpan.FromSeconds(1));
        await RunAsync(s.App);
        await NewWorker(s.App).RunOnceAsync(CancellationToken.None);
        var digests = await DigestsAsync(s.App);
        Assert.Equal([(s.AId, 4), (s.BId, 4)], digests.Select(d => (d.UserId, d.Shifts)).OrderBy(d => d.UserId == s.BId));
        Assert.All(digests, d => Assert.Equal(nine, d.WeekStart));
        Assert.Equal(2, await NotifyKit.DispatchAsync(s.App));
        Assert.DoesNotContain(smtp.Mails, m => m.To.Contains(s.C));

        var mail = Parse(Assert.Single(smtp.Mails, m => m.To.Contains(s.A)));
        Assert.Equal("Your on-call shifts for the week of 1 Jun 2026", mail.Subject);
        Assert.Contains("You have 4 shifts on call in the week from Mon 1 Jun 2026 09:00 UTC:", mail.TextBody);
        foreach (var day in new[] { "Mon 1 Jun 2026 14:00 – Tue 2 Jun", "Wed 3 Jun 2026 14:00 – Thu 4 Jun", "Fri 5 Jun 2026 14:00 – Sat 6 Jun", "Sun 7 Jun 2026 14:00 – Mon 8 Jun" })
        {
            Assert.Contains($"- {s.Schedule}: {day} 2026 14:00 (Europe/Berlin)", mail.TextBody);
        }
        Assert.Contains("Open: https://unyo.example.com/my/shifts", mail.TextBody);
        // B's shift under way at nine is listed with its real start.
        Assert.Contains($"- {s.Schedule}: Sun 31 May 2026 14:00 – Mon 1 Jun 2026 14:00 (Europe/Berlin)", Parse(Assert.Single(smtp.Mails, m => m.To.Contains(s.B))).TextBody);

        // Lead 0: A's shift at 12:00 UTC brings no notice; the next Monday brings the next digests.
        clock.Advance(Monday.AddHours(12) - clock.GetUtcNow());
        await RunAsync(s.App);
        Assert.Empty(await NoticesAsync(s.App));
        clock.Advance(nine.AddDays(7) - clock.GetUtcNow());
        await RunAsync(s.App);
        Assert.Equal(4, (await DigestsAsync(s.App)).Count);
    }
}
