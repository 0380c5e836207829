using System.Net;
using System.Net.Http.Json;
using Unyo.Client;
using Unyo.IntegrationTests.Infrastructure;
using static Unyo.IntegrationTests.OnCall.ScheduleKit;
using static Unyo.IntegrationTests.OnCall.SwapKit;

namespace Unyo.IntegrationTests.OnCall;

public sealed class ShiftSwapTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task AnAcceptedCoverPutsTheAskedPersonOnCallThroughAnOverride(string provider)
    {
        var app = await servers.GetAsync(provider);
        var (schedule, people) = await RotationAsync(app);
        var (a, b) = (people[0], people[1]);
        var shift = await NextShiftAsync(app, schedule, a);

        var asked = await (await a.Client.PostJsonAsync($"api/v1/schedules/{schedule}/swaps", Cover(b, shift.Start.AddHours(2), TimeSpan.FromHours(8), "Dentist")))
            .ReadAsync<ShiftSwapResponse>(HttpStatusCode.Created);
        var toB = await (await b.Client.GetAsync("api/v1/me/swaps?status=pending")).ReadAsync<MySwapsResponse>(HttpStatusCode.OK);
        var fromA = await (await a.Client.GetAsync("api/v1/me/swaps")).ReadAsync<MySwapsResponse>(HttpStatusCode.OK);
        var pending = await (await a.Client.GetAsync($"api/v1/schedules/{schedule}/swaps?status=PENDING")).ReadAsync<List<ShiftSwapResponse>>(HttpStatusCode.OK);
        var before = await OnCallAsync(app, schedule, shift.Start.AddHours(3));
        var accepted = await (await AnswerAsync(b, schedule, asked.Id, "accept")).ReadAsync<ShiftSwapResponse>(HttpStatusCode.OK);
        var during = await OnCallAsync(app, schedule, shift.Start.AddHours(3));
        var after = await OnCallAsync(app, schedule, shift.Start.AddHours(10));
        var view = await (await app.Admin().GetAsync($"api/v1/schedules/{schedule}")).ReadAsync<ScheduleResponse>(HttpStatusCode.OK);
        var stillPending = await (await a.Client.GetAsync($"api/v1/schedules/{schedule}/swaps?status=pending")).ReadAsync<List<ShiftSwapResponse>>(HttpStatusCode.OK);
        var audit = await (await app.Admin().GetAsync($"api/v1/audit?kind=Schedule&name={schedule}&limit=20")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK);

        Assert.Equal(("cover", "pending", a.Email, b.Email, "Dentist"), (asked.Kind, asked.Status, asked.Requester.Email, asked.Asked.Email, asked.Note));
        Assert.Equal((shift.Start.AddHours(2), shift.Start.AddHours(2)), (asked.ExpiresAt, asked.Start));
        Assert.Equal([asked.Id], toB.ToMe.Select(s => s.Id));
        Assert.Empty(toB.FromMe);
        Assert.Equal([asked.Id], fromA.FromMe.Select(s => s.Id));
        Assert.Equal([asked.Id], pending.Select(s => s.Id));
        Assert.Equal(a.Email, before.Person!.Email);
        Assert.Equal(("accepted", b.Email), (accepted.Status, accepted.ClosedBy));
        Assert.NotNull(accepted.ClosedAt);
        Assert.Equal((b.Email, "override"), (during.Person!.Email, during.Source));
        Assert.Equal(a.Email, after.Person!.Email);
        var made = Assert.Single(view.Overrides);
        Assert.Equal((accepted.Overrides.Single(), b.Email, shift.Start.AddHours(2), shift.Start.AddHours(10)), (made.Id, made.User.Email, made.Start, made.End));
        Assert.Equal($"Shift swap: covers {a.Email}", made.Reason);
        Assert.Empty(stillPending);
        Assert.Equal(["schedule.create", "schedule.override.create", "schedule.swap.accept", "schedule.swap.request"], audit.Items.Select(r => r.Action).Order(StringComparer.Ordinal));
    }

    [Theory, DatabaseData]
    public async Task AnAcceptedTradeMakesBothOverridesAtOnce(string provider)
    {
        var app = await servers.GetAsync(provider);
        var (schedule, people) = await RotationAsync(app);
        var (a, b) = (people[0], people[1]);
        var mine = await NextShiftAsync(app, schedule, a);
        var theirs = await NextShiftAsync(app, schedule, b);

        var asked = await (await a.Client.PostJsonAsync($"api/v1/schedules/{schedule}/swaps", Cover(b, mine.Start, mine.End - mine.Start) with { ReturnStart = At(theirs.Start), ReturnEnd = At(theirs.End) }))
            .ReadAsync<ShiftSwapResponse>(HttpStatusCode.Created);
        var accepted = await (await AnswerAsync(b, schedule, asked.Id, "accept")).ReadAsync<ShiftSwapResponse>(HttpStatusCode.OK);
        var inMine = await OnCallAsync(app, schedule, mine.Start.AddHours(1));
        var inTheirs = await OnCallAsync(app, schedule, theirs.Start.AddHours(1));

        Assert.Equal(("trade", theirs.Start < mine.Start ? theirs.Start : mine.Start), (asked.Kind, asked.ExpiresAt));
        Assert.Equal(2, accepted.Overrides.Count);
        Assert.Equal((b.Email, "override"), (inMine.Person!.Email, inMine.Source));
        Assert.Equal((a.Email, "override"), (inTheirs.Person!.Email, inTheirs.Source));
    }

    [Theory, DatabaseData]
    public async Task OnlyTheAskedPersonAnswersAndOnlyTheRequesterOrAnAdminCancels(string provider)
    {
        var app = await servers.GetAsync(provider);
        var (schedule, people) = await RotationAsync(app, 3);
        var (a, b, c) = (people[0], people[1], people[2]);
        var admin = await app.CreateUserAsync(Features.Accounts.OrgRole.Admin);
        var shift = await NextShiftAsync(app, schedule, a);
        async Task<ShiftSwapResponse> AskAsync(int hour) => await (await a.Client.PostJsonAsync($"api/v1/schedules/{schedule}/swaps", Cover(b, shift.Start.AddHours(hour), TimeSpan.FromHours(1))))
            .ReadAsync<ShiftSwapResponse>(HttpStatusCode.Created);
        var (first, second, third) = (await AskAsync(1), await AskAsync(2), await AskAsync(3));

        var requesterAccepts = await (await AnswerAsync(a, schedule, first.Id, "accept")).ProblemAsync(HttpStatusCode.Forbidden);
        var strangerDeclines = await AnswerAsync(c, schedule, first.Id, "decline");
        var declined = await (await AnswerAsync(b, schedule, first.Id, "decline")).ReadAsync<ShiftSwapResponse>(HttpStatusCode.OK);
        var declinedAgain = await (await AnswerAsync(b, schedule, first.Id, "decline")).ProblemAsync(HttpStatusCode.Conflict);
        var askedCancels = await AnswerAsync(b, schedule, second.Id, "cancel");
        var adminCancels = await (await app.Client(admin.Token).PostAsync($"api/v1/schedules/{schedule}/swaps/{second.Id}/cancel", null)).ReadAsync<ShiftSwapResponse>(HttpStatusCode.OK);
        var acceptCancelled = await (await AnswerAsync(b, schedule, second.Id, "accept")).ProblemAsync(HttpStatusCode.Conflict);
        var cancelled = await (await AnswerAsync(a, schedule, third.Id, "cancel")).ReadAsync<ShiftSwapResponse>(HttpStatusCode.OK);
        var unknown = await AnswerAsync(b, schedule, Guid.NewGuid(), "accept");
        var wrongSchedule = await AnswerAsync(b, "no-such-schedule", first.Id, "accept");
        var declinedList = await (await a.Client.GetAsync($"api/v1/schedules/{schedule}/swaps?status=declined")).ReadAsync<List<ShiftSwapResponse>>(HttpStatusCode.OK);
        var badStatus = await (await a.Client.GetAsync($"api/v1/schedules/{schedule}/swaps?status=maybe")).ProblemAsync(HttpStatusCode.BadRequest);
        var view = await (await app.Admin().GetAsync($"api/v1/schedules/{schedule}")).ReadAsync<ScheduleResponse>(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Forbidden, strangerDeclines.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, askedCancels.StatusCode);
        Assert.Equal(("declined", b.Email), (declined.Status, declined.ClosedBy));
        declinedAgain.AssertField("status", $"the request was declined at");
        declinedAgain.AssertField("status", "only a pending request can be declined");
        Assert.Equal(("cancelled", admin.Email), (adminCancels.Status, adminCancels.ClosedBy));
        acceptCancelled.AssertField("status", "was cancelled");
        Assert.Equal(("cancelled", a.Email), (cancelled.Status, cancelled.ClosedBy));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongSchedule.StatusCode);
        Assert.Equal([first.Id], declinedList.Select(s => s.Id));
        badStatus.AssertField("status", "'maybe' is not a status");
        Assert.Empty(requesterAccepts);
        Assert.Empty(view.Overrides);
    }

    [Theory, DatabaseData]
    public async Task ARequestForAStretchThatIsNotYoursOrForNobodyUsableIsRefusedFieldByField(string provider)
    {
        var app = await servers.GetAsync(provider);
        var (schedule, people) = await RotationAsync(app);
        var (a, b) = (people[0], people[1]);
        var viewer = await app.CreateUserAsync(Features.Accounts.OrgRole.Viewer);
        var disabled = await app.CreateUserAsync(Features.Accounts.OrgRole.Member);
        (await app.Admin().PatchAsJsonAsync($"api/v1/users/{disabled.Id}", new UpdateUserRequest { Disabled = true }, HttpAssertions.Json)).EnsureSuccessStatusCode();
        var mine = await NextShiftAsync(app, schedule, a);
        var theirs = await NextShiftAsync(app, schedule, b);
        var url = $"api/v1/schedules/{schedule}/swaps";
        async Task<Dictionary<string, string[]>> RefusedAsync(ShiftSwapRequest request) => await (await a.Client.PostJsonAsync(url, request)).ProblemAsync(HttpStatusCode.BadRequest);

        var notMine = await RefusedAsync(Cover(b, theirs.Start, TimeSpan.FromHours(1)));
        var spills = await RefusedAsync(Cover(b, mine.End.AddHours(-1), TimeSpan.FromHours(2)));
        var unknown = await RefusedAsync(Cover(b, mine.Start, TimeSpan.FromHours(1)) with { User = "nobody@example.test" });
        var self = await RefusedAsync(Cover(a, mine.Start, TimeSpan.FromHours(1)));
        var toViewer = await RefusedAsync(Cover(b, mine.Start, TimeSpan.FromHours(1)) with { User = viewer.Email });
        var toDisabled = await RefusedAsync(Cover(b, mine.Start, TimeSpan.FromHours(1)) with { User = disabled.Email });
        var begun = await RefusedAsync(Cover(b, TimeProvider.System.GetUtcNow().AddHours(-1), TimeSpan.FromHours(2)));
        var shape = await RefusedAsync(new ShiftSwapRequest { User = b.Email, Start = "tomorrow", End = At(mine.Start), ReturnStart = At(theirs.Start), Note = new string('x', 501) });
        var backwards = await RefusedAsync(Cover(b, mine.Start.AddHours(2), TimeSpan.FromHours(-1)));
        var tradeNotTheirs = await RefusedAsync(Cover(b, mine.Start, TimeSpan.FromHours(1)) with { ReturnStart = At(mine.Start.AddHours(2)), ReturnEnd = At(mine.Start.AddHours(3)) });
        var noSchedule = await a.Client.PostJsonAsync("api/v1/schedules/no-such-schedule/swaps", Cover(b, mine.Start, TimeSpan.FromHours(1)));
        var listed = await (await a.Client.GetAsync(url)).ReadAsync<List<ShiftSwapResponse>>(HttpStatusCode.OK);

        notMine.AssertField("start", $"from {At(theirs.Start)} {b.Email} is on call, not you: only your own shifts can be offered");
        spills.AssertField("start", $"from {At(mine.End)} {b.Email} is on call, not you");
        unknown.AssertField("user", "there is no user 'nobody@example.test'");
        self.AssertField("user", "is you");
        toViewer.AssertField("user", "is a viewer");
        toDisabled.AssertField("user", "is disabled");
        begun.AssertField("start", "has begun");
        shape.AssertField("start", "'tomorrow' is not an RFC 3339 instant");
        shape.AssertField("returnEnd", "is required");
        shape.AssertField("note", "at most 500 characters");
        backwards.AssertField("end", "must be after start");
        tradeNotTheirs.AssertField("returnStart", $"{a.Email} is on call, not {b.Email}: in a trade you take a stretch of their shift");
        Assert.Equal(HttpStatusCode.NotFound, noSchedule.StatusCode);
        Assert.Empty(listed);
    }

    [Theory, DatabaseData]
    public async Task AnAcceptIsRefusedAndWritesNothingWhenTheStretchChangedHandsOrAnOverrideOverlapsOrItExpired(string provider)
    {
        var app = await servers.GetAsync(provider);
        var (schedule, people) = await RotationAsync(app, 3);
        var (a, b, c) = (people[0], people[1], people[2]);
        var shift = await NextShiftAsync(app, schedule, a);
        var url = $"api/v1/schedules/{schedule}/swaps";
        var handed = await (await a.Client.PostJsonAsync(url, Cover(b, shift.Start, TimeSpan.FromHours(4)))).ReadAsync<ShiftSwapResponse>(HttpStatusCode.Created);
        var overlapped = await (await a.Client.PostJsonAsync(url, Cover(b, shift.Start.AddHours(6), TimeSpan.FromHours(4)))).ReadAsync<ShiftSwapResponse>(HttpStatusCode.Created);
        // Someone else takes part of the first stretch; the requester takes over part of the second (so it is still theirs, but overridden).
        (await app.Admin().PostJsonAsync($"api/v1/schedules/{schedule}/overrides", new ScheduleOverrideRequest { User = c.Email, Start = At(shift.Start.AddHours(1)), End = At(shift.Start.AddHours(2)) })).EnsureSuccessStatusCode();
        (await app.Admin().PostJsonAsync($"api/v1/schedules/{schedule}/overrides", new ScheduleOverrideRequest { User = a.Email, Start = At(shift.Start.AddHours(9)), End = At(shift.Start.AddHours(12)) })).EnsureSuccessStatusCode();
        // On call now, the current person asks for a stretch that begins in a few seconds, and lets it expire.
        var now = await OnCallAsync(app, schedule, TimeProvider.System.GetUtcNow());
        var current = people.Single(p => p.Email == now.Person!.Email);
        var other = people.First(p => p != current);
        var soon = TimeProvider.System.GetUtcNow().AddSeconds(3);
        var expiring = await (await current.Client.PostJsonAsync(url, Cover(other, soon, TimeSpan.FromSeconds(30)))).ReadAsync<ShiftSwapResponse>(HttpStatusCode.Created);
        await Task.Delay(soon - TimeProvider.System.GetUtcNow() + TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);

        var changedHands = await (await AnswerAsync(b, schedule, handed.Id, "accept")).ProblemAsync(HttpStatusCode.Conflict);
        var overlaps = await (await AnswerAsync(b, schedule, overlapped.Id, "accept")).ProblemAsync(HttpStatusCode.Conflict);
        var expired = await (await AnswerAsync(other, schedule, expiring.Id, "accept")).ProblemAsync(HttpStatusCode.Conflict);
        var cancelExpired = await (await AnswerAsync(current, schedule, expiring.Id, "cancel")).ProblemAsync(HttpStatusCode.Conflict);
        var expiredList = await (await a.Client.GetAsync($"{url}?status=expired")).ReadAsync<List<ShiftSwapResponse>>(HttpStatusCode.OK);
        var pending = await (await a.Client.GetAsync($"{url}?status=pending")).ReadAsync<List<ShiftSwapResponse>>(HttpStatusCode.OK);
        var view = await (await app.Admin().GetAsync($"api/v1/schedules/{schedule}")).ReadAsync<ScheduleResponse>(HttpStatusCode.OK);

        changedHands.AssertField("start", $"from {At(shift.Start.AddHours(1))} {c.Email} is on call, not {a.Email}: the schedule changed since the request");
        overlaps.AssertField("start", $"overlaps the override of {a.Email}");
        Assert.False(overlaps.ContainsKey("returnStart"));
        expired.AssertField("status", "expired at");
        cancelExpired.AssertField("status", "it can no longer be cancelled");
        var gone = Assert.Single(expiredList);
        Assert.Equal((expiring.Id, "expired", expiring.ExpiresAt, (string?)null), (gone.Id, gone.Status, gone.ClosedAt, gone.ClosedBy));
        Assert.Equal([overlapped.Id, handed.Id], pending.Select(s => s.Id));
        Assert.Equal([c.Email, a.Email], view.Overrides.Select(o => o.User.Email));
    }

    [Theory, DatabaseData]
    public async Task TwoAcceptsAtOnceForOneStretchLetExactlyOneWin(string provider)
    {
        var app = await servers.GetAsync(provider);
        var (schedule, people) = await RotationAsync(app, 3);
        var (a, b, c) = (people[0], people[1], people[2]);
        var shift = await NextShiftAsync(app, schedule, a);
        var url = $"api/v1/schedules/{schedule}/swaps";
        // The same stretch asked of two people, and another asked of one, who presses accept twice.
        var toB = await (await a.Client.PostJsonAsync(url, Cover(b, shift.Start, TimeSpan.FromHours(4)))).ReadAsync<ShiftSwapResponse>(HttpStatusCode.Created);
        var toC = await (await a.Client.PostJsonAsync(url, Cover(c, shift.Start, TimeSpan.FromHours(4)))).ReadAsync<ShiftSwapResponse>(HttpStatusCode.Created);
        var twice = await (await a.Client.PostJsonAsync(url, Cover(b, shift.Start.AddHours(6), TimeSpan.FromHours(4)))).ReadAsync<ShiftSwapResponse>(HttpStatusCode.Created);

        var race = await Task.WhenAll(AnswerAsync(b, schedule, toB.Id, "accept"), AnswerAsync(c, schedule, toC.Id, "accept"));
        var doubled = await Task.WhenAll(AnswerAsync(b, schedule, twice.Id, "accept"), AnswerAsync(b, schedule, twice.Id, "accept"));
        var view = await (await app.Admin().GetAsync($"api/v1/schedules/{schedule}")).ReadAsync<ScheduleResponse>(HttpStatusCode.OK);
        var all = await (await a.Client.GetAsync(url)).ReadAsync<List<ShiftSwapResponse>>(HttpStatusCode.OK);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], race.Select(r => r.StatusCode).Order());
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], doubled.Select(r => r.StatusCode).Order());
        Assert.All(race.Concat(doubled).Where(r => r.StatusCode == HttpStatusCode.Conflict), r => Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType));
        Assert.Equal(2, view.Overrides.Count);
        Assert.Single(view.Overrides, o => o.Start == shift.Start);
        Assert.Equal(["accepted", "accepted", "pending"], all.Select(s => s.Status).Order());
    }
}
