using System.Net;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.IntegrationTests.Infrastructure;
using static Unyo.IntegrationTests.OnCall.ScheduleKit;

namespace Unyo.IntegrationTests.OnCall;

/// A UTC schedule of daily turns from midnight among a team's members, each with a token of their own.
public static class SwapKit
{
    public sealed record Person(Guid Id, string Email, HttpClient Client);

    public static async Task<(string Schedule, Person[] People)> RotationAsync(UnyoApp app, int people = 2, string? schedule = null)
    {
        var team = Names.Unique("swaps");
        (await app.Admin().PostJsonAsync("api/v1/teams", new TeamRequest { Name = team })).EnsureSuccessStatusCode();
        var created = new List<Person>();
        for (var i = 0; i < people; i++)
        {
            var (id, email, token) = await app.CreateUserAsync(OrgRole.Member, team);
            created.Add(new Person(id, email, app.Client(token)));
        }
        var name = schedule ?? Names.Unique("swaps");
        var start = TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(-3);
        (await app.Admin().PostJsonAsync("api/v1/schedules", new ScheduleRequest
        {
            Name = name, Team = team, TimeZone = "UTC",
            Layers = [new() { Name = "days", Users = [.. created.Select(p => p.Email)], Turn = "daily", Start = $"{start:yyyy-MM-dd}T00:00" }],
        })).EnsureSuccessStatusCode();
        return (name, [.. created]);
    }

    /// The person's `skip`-th whole shift that has not begun yet.
    public static async Task<ScheduleShiftResponse> NextShiftAsync(UnyoApp app, string schedule, Person person, int skip = 0)
    {
        var shifts = await (await app.Admin().GetAsync($"api/v1/schedules/{schedule}/shifts")).ReadAsync<ScheduleShiftsResponse>(HttpStatusCode.OK);
        var now = TimeProvider.System.GetUtcNow();
        return shifts.Shifts.Where(s => s.Person.Email == person.Email && s.Start > now).Skip(skip).First();
    }

    public static ShiftSwapRequest Cover(Person asked, DateTimeOffset start, TimeSpan length, string? note = null) =>
        new() { User = asked.Email, Start = At(start), End = At(start + length), Note = note };

    public static async Task<OnCallResponse> OnCallAsync(UnyoApp app, string schedule, DateTimeOffset at) =>
        await (await app.Admin().GetAsync($"api/v1/schedules/{schedule}/oncall?at={Uri.EscapeDataString(At(at))}")).ReadAsync<OnCallResponse>(HttpStatusCode.OK);

    public static Task<HttpResponseMessage> AnswerAsync(Person by, string schedule, Guid id, string answer) =>
        by.Client.PostAsync($"api/v1/schedules/{schedule}/swaps/{id}/{answer}", null);
}
