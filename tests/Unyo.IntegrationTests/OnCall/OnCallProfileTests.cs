using System.Net;
using System.Net.Http.Json;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.OnCall;

public sealed class OnCallProfileTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task APersonSetsTheirOwnProfileAndEveryoneSignedInReadsIt(string provider)
    {
        var app = await servers.GetAsync(provider);
        var person = await app.CreateUserAsync(OrgRole.Member);
        using var viewer = app.Client((await app.CreateUserAsync(OrgRole.Viewer)).Token);
        using var self = app.Client(person.Token);

        var before = await (await viewer.GetAsync($"api/v1/users/{person.Email}/oncall-profile")).ReadAsync<OnCallProfileResponse>(HttpStatusCode.OK);
        var put = await (await self.PutAsJsonAsync("api/v1/users/me/oncall-profile", new OnCallProfileRequest { TimeZone = "Asia/Tokyo", WorkDays = ["Friday", "mon", "tue"], WorkFrom = "10:00", WorkTo = "18:30" }))
            .ReadAsync<OnCallProfileResponse>(HttpStatusCode.OK);
        var after = await (await viewer.GetAsync($"api/v1/users/{person.Email.ToUpperInvariant()}/oncall-profile")).ReadAsync<OnCallProfileResponse>(HttpStatusCode.OK);
        var mine = await (await self.GetAsync("api/v1/users/me/oncall-profile")).ReadAsync<OnCallProfileResponse>(HttpStatusCode.OK);

        Assert.Equal(("UTC", "mon,tue,wed,thu,fri", "09:00", "17:00", true, (DateTimeOffset?)null),
            (before.TimeZone, string.Join(',', before.WorkDays), before.WorkFrom, before.WorkTo, before.IsDefault, before.UpdatedAt));
        Assert.Equal((person.Email, "Asia/Tokyo", "mon,tue,fri", "10:00", "18:30", false),
            (after.Email, after.TimeZone, string.Join(',', after.WorkDays), after.WorkFrom, after.WorkTo, after.IsDefault));
        HttpAssertions.SameJson(put, after);
        HttpAssertions.SameJson(put, mine);
    }

    [Theory, DatabaseData]
    public async Task OnlyThePersonOrAnAdminChangesAProfile(string provider)
    {
        var app = await servers.GetAsync(provider);
        var person = await app.CreateUserAsync(OrgRole.Member);
        using var colleague = app.Client((await app.CreateUserAsync(OrgRole.Member)).Token);
        var request = new OnCallProfileRequest { TimeZone = "Europe/London" };

        var refused = await colleague.PutAsJsonAsync($"api/v1/users/{person.Email}/oncall-profile", request);
        var unknown = await colleague.PutAsJsonAsync("api/v1/users/nobody-here@example.test/oncall-profile", request);
        var byAdmin = await app.Admin().PutAsJsonAsync($"api/v1/users/{person.Email}/oncall-profile", request);

        await refused.ProblemAsync(HttpStatusCode.Forbidden);
        await unknown.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("Europe/London", (await byAdmin.ReadAsync<OnCallProfileResponse>(HttpStatusCode.OK)).TimeZone);
        var audit = app.WithDb(db => db.AuditRecords.Where(r => r.Action == "oncall-profile.update" && r.ObjectName == person.Email).ToList());
        var record = Assert.Single(audit);
        Assert.Contains("Europe/London", record.After, StringComparison.Ordinal);
    }

    [Theory, DatabaseData]
    public async Task BadZonesDaysAndHoursAreRefusedFieldByFieldAndNothingIsWritten(string provider)
    {
        var app = await servers.GetAsync(provider);
        var person = await app.CreateUserAsync(OrgRole.Member);
        using var self = app.Client(person.Token);

        var bad = await (await self.PutAsJsonAsync("api/v1/users/me/oncall-profile", new OnCallProfileRequest { TimeZone = "Mars/Olympus", WorkDays = ["mon", "caturday", "mon"], WorkFrom = "9am", WorkTo = "17:00" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        var backwards = await (await self.PutAsJsonAsync("api/v1/users/me/oncall-profile", new OnCallProfileRequest { TimeZone = "UTC", WorkDays = [], WorkFrom = "22:00", WorkTo = "06:00" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        var missing = await (await self.PutAsJsonAsync("api/v1/users/me/oncall-profile", new OnCallProfileRequest())).ProblemAsync(HttpStatusCode.BadRequest);

        bad.AssertField("timeZone", "'Mars/Olympus' is not a time zone");
        bad.AssertField("workDays[1]", "'caturday' is not a weekday");
        bad.AssertField("workDays[2]", "listed twice");
        bad.AssertField("workFrom", "'9am' is not a time of day");
        backwards.AssertField("workDays", "at least one day");
        backwards.AssertField("workTo", "must be after workFrom");
        missing.AssertField("timeZone", "is required");
        Assert.True((await (await self.GetAsync("api/v1/users/me/oncall-profile")).ReadAsync<OnCallProfileResponse>(HttpStatusCode.OK)).IsDefault);
    }
}
