using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.Features.Accounts.Sessions;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Accounts;

public sealed class SessionTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task APersonSeesTheirSessionsAndEndsOneOrAllOthers(string provider)
    {
        var app = await servers.GetAsync(provider);
        var person = await app.CreatePersonAsync(OrgRole.Member);
        using var laptop = await SignedInAsync(app, person, "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
        using var phone = await SignedInAsync(app, person, "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1");
        using var tablet = await SignedInAsync(app, person, "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36");

        var seen = await (await laptop.Http.GetAsync("api/v1/me/sessions")).ReadAsync<List<SessionResponse>>(HttpStatusCode.OK);
        Assert.Equal(3, seen.Count);
        var current = Assert.Single(seen, s => s.Current);
        Assert.Equal("Firefox on Linux", current.Device);
        Assert.Equal("password", current.Method);
        Assert.Equal("127.0.0.1", current.LastSeenFrom);
        Assert.Contains(seen, s => s.Device == "Safari on iOS");
        Assert.Contains(seen, s => s.Device == "Chrome on Android");
        Assert.True(current.ExpiresAt - current.SignedInAt == SessionLimits.DefaultAbsolute);
        Assert.True(current.IdleExpiresAt <= current.ExpiresAt);

        // End the phone's session: its next request is refused, the others go on.
        var phoneSession = seen.Single(s => s.Device == "Safari on iOS").Id;
        Assert.Equal(HttpStatusCode.NoContent, (await laptop.Http.DeleteAsync($"api/v1/me/sessions/{phoneSession}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.Http.GetAsync("api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tablet.Http.GetAsync("api/v1/me")).StatusCode);
        await (await laptop.Http.DeleteAsync($"api/v1/me/sessions/{phoneSession}")).ProblemAsync(HttpStatusCode.NotFound);

        // Sign out everywhere else: the laptop stays signed in.
        var ended = await (await laptop.Http.DeleteAsync("api/v1/me/sessions")).ReadAsync<SessionsEndedResponse>(HttpStatusCode.OK);
        Assert.Equal(1, ended.Ended);
        Assert.Equal(HttpStatusCode.Unauthorized, (await tablet.Http.GetAsync("api/v1/me")).StatusCode);
        var left = await (await laptop.Http.GetAsync("api/v1/me/sessions")).ReadAsync<List<SessionResponse>>(HttpStatusCode.OK);
        Assert.Equal(current.Id, Assert.Single(left).Id);

        var reasons = app.WithDb(db => db.UserSessions.Where(s => s.UserId == person.Id).Select(s => s.EndReason).ToList());
        Assert.Equal(["revoked", "revoked"], reasons.OfType<string>().ToList());
        var actions = app.WithDb(db => db.AuditRecords.Where(r => r.ObjectName == person.Email).Select(r => r.Action).ToList());
        Assert.Contains("session.revoke", actions);
        Assert.Contains("session.revoke-all", actions);
        // Changes made in a browser name the session they came from.
        Assert.Contains(app.WithDb(db => db.AuditRecords.Where(r => r.Action == "session.revoke" && r.ObjectName == person.Email).Select(r => r.Credential).ToList()),
            c => c == $"session:{current.Id:N}");
    }

    [Theory, DatabaseData]
    public async Task APersonCannotEndSomeoneElsesSession(string provider)
    {
        var app = await servers.GetAsync(provider);
        var alice = await app.CreatePersonAsync(OrgRole.Member);
        var bob = await app.CreatePersonAsync(OrgRole.Member);
        using var bobBrowser = await SignedInAsync(app, bob, "curl/8.0");
        var bobSession = app.WithDb(db => db.UserSessions.Single(s => s.UserId == bob.Id).Id);

        await (await app.Client(alice.Token).DeleteAsync($"api/v1/me/sessions/{bobSession}")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await bobBrowser.Http.GetAsync("api/v1/me")).StatusCode);
    }

    [Theory, DatabaseData]
    public async Task AnAdminListsAndEndsAPersonsSessions(string provider)
    {
        var app = await servers.GetAsync(provider);
        var person = await app.CreatePersonAsync(OrgRole.Viewer);
        using var one = await SignedInAsync(app, person, "curl/8.0");
        using var two = await SignedInAsync(app, person, "curl/8.1");

        var listed = await (await app.Admin().GetAsync($"api/v1/users/{person.Id}/sessions")).ReadAsync<List<SessionResponse>>(HttpStatusCode.OK);
        Assert.Equal(2, listed.Count);
        Assert.All(listed, s => Assert.False(s.Current));

        var ended = await (await app.Admin().DeleteAsync($"api/v1/users/{person.Id}/sessions")).ReadAsync<SessionsEndedResponse>(HttpStatusCode.OK);
        Assert.Equal(2, ended.Ended);
        Assert.Equal(HttpStatusCode.Unauthorized, (await one.Http.GetAsync("api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await two.Http.GetAsync("api/v1/me")).StatusCode);
        Assert.Contains("user.sessions-revoke", app.WithDb(db => db.AuditRecords.Where(r => r.ObjectName == person.Email).Select(r => r.Action).ToList()));
        Assert.Equal(["revoked-by-admin", "revoked-by-admin"], app.WithDb(db => db.UserSessions.Where(s => s.UserId == person.Id).Select(s => s.EndReason!).ToList()));

        await (await app.Admin().DeleteAsync($"api/v1/users/{Guid.NewGuid()}/sessions")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory, DatabaseData]
    public async Task OnlyOwnersEndAnOwnersSessions(string provider)
    {
        // The server's own owner: a second owner here would change "the last owner" for other tests.
        var app = await servers.GetAsync(provider);
        var owner = new Person(app.WithDb(db => db.Users.Single(u => u.Email == UnyoApp.AdminEmail).Id), UnyoApp.AdminEmail, UnyoApp.AdminPassword, UnyoApp.AdminToken);
        var admin = await app.CreatePersonAsync(OrgRole.Admin);
        using var ownerBrowser = await SignedInAsync(app, owner, "curl/8.0");

        var refused = await (await app.Client(admin.Token).DeleteAsync($"api/v1/users/{owner.Id}/sessions")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("only owners", refused["id"][0]);
        Assert.Equal(HttpStatusCode.OK, (await ownerBrowser.Http.GetAsync("api/v1/me")).StatusCode);
    }

    [Theory, DatabaseData]
    public async Task DisablingAPersonEndsTheirSessionsWithTheReason(string provider)
    {
        var app = await servers.GetAsync(provider);
        var person = await app.CreatePersonAsync(OrgRole.Member);
        using var browser = await SignedInAsync(app, person, "curl/8.0");

        (await app.Admin().PatchAsJsonAsync($"api/v1/users/{person.Id}", new UpdateUserRequest { Disabled = true })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.Http.GetAsync("api/v1/me")).StatusCode);
        Assert.Equal("disabled", app.WithDb(db => db.UserSessions.Single(s => s.UserId == person.Id).EndReason));
        Assert.Empty(await (await app.Admin().GetAsync($"api/v1/users/{person.Id}/sessions")).ReadAsync<List<SessionResponse>>(HttpStatusCode.OK));
    }

    [Theory, DatabaseData]
    public async Task AnIdleSessionEndsAndSoDoesOnePastItsAbsoluteDeadline(string provider)
    {
        var app = await servers.GetAsync(provider);
        var person = await app.CreatePersonAsync(OrgRole.Member);
        using var idle = await SignedInAsync(app, person, "curl/8.0");
        using var old = await SignedInAsync(app, person, "curl/8.1");
        using var busy = await SignedInAsync(app, person, "curl/8.2");
        var ids = app.WithDb(db => db.UserSessions.Where(s => s.UserId == person.Id).ToDictionary(s => s.UserAgent!, s => s.Id));

        // Move time for the rows rather than the server: idle 12 h 1 min, and past the deadline
        // while used a minute ago (activity must not extend the absolute timeout).
        var now = TimeProvider.System.GetUtcNow();
        await ChangeAsync(app, db => db.UserSessions.Where(s => s.Id == ids["curl/8.0"])
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now - SessionLimits.DefaultIdle - TimeSpan.FromMinutes(1))));
        await ChangeAsync(app, db => db.UserSessions.Where(s => s.Id == ids["curl/8.1"])
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.ExpiresAt, now - TimeSpan.FromSeconds(1))));

        Assert.Equal(HttpStatusCode.Unauthorized, (await idle.Http.GetAsync("api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await old.Http.GetAsync("api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await busy.Http.GetAsync("api/v1/me")).StatusCode);
        var reasons = app.WithDb(db => db.UserSessions.Where(s => s.UserId == person.Id).ToDictionary(s => s.UserAgent!, s => s.EndReason));
        Assert.Equal("idle-timeout", reasons["curl/8.0"]);
        Assert.Equal("expired", reasons["curl/8.1"]);
        Assert.Null(reasons["curl/8.2"]);

        // The idle browser's page visit goes to sign-in rather than erroring.
        var page = await idle.GetAsync("account");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/signin", page.Headers.Location!.OriginalString.Replace(app.Address.ToString(), "/"));
    }

    [Theory, DatabaseData]
    public async Task SigningOutEndsTheSessionOnTheServer(string provider)
    {
        var app = await servers.GetAsync(provider);
        var person = await app.CreatePersonAsync(OrgRole.Member);
        using var browser = await SignedInAsync(app, person, "curl/8.0");
        var cookie = browser.Cookie;

        await browser.GetAsync("account");
        var response = await browser.PostAsync("signout", "", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        // The old cookie, replayed by someone who copied it, no longer works.
        using var replay = app.Client();
        replay.DefaultRequestHeaders.Add("Cookie", $"unyo.session={cookie}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await replay.GetAsync("api/v1/me")).StatusCode);
        Assert.Equal("signed-out", app.WithDb(db => db.UserSessions.Single(s => s.UserId == person.Id).EndReason));
        Assert.Contains("signout", app.WithDb(db => db.AuditRecords.Where(r => r.ActorId == person.Id).Select(r => r.Action).ToList()));
    }

    // Another site can make a browser post to /signout with the session cookie (SameSite=Lax
    // stops only some of those); without the page's anti-forgery token it must change nothing.
    [Theory, DatabaseData]
    public async Task SigningOutWithoutTheAntiforgeryTokenIsRefusedAndTheSessionLives(string provider)
    {
        var app = await servers.GetAsync(provider);
        var person = await app.CreatePersonAsync(OrgRole.Member);
        using var browser = await SignedInAsync(app, person, "curl/8.0");

        var forged = await browser.Http.PostAsync("signout", new FormUrlEncodedContent([new("_handler", "")]));
        var problem = await forged.ProblemAsync(HttpStatusCode.BadRequest);
        var wrongToken = await browser.Http.PostAsync("signout", new FormUrlEncodedContent([new("__RequestVerificationToken", "CfDJ8forged")]));

        Assert.Empty(problem);
        Assert.Equal(HttpStatusCode.BadRequest, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("api/v1/me")).StatusCode);
        Assert.Null(app.WithDb(db => db.UserSessions.Single(s => s.UserId == person.Id).EndedAt));
        Assert.DoesNotContain("signout", app.WithDb(db => db.AuditRecords.Where(r => r.ActorId == person.Id).Select(r => r.Action).ToList()));
    }

    [Theory, DatabaseData]
    public async Task TheAccountSessionsPageListsAndEndsSessions(string provider)
    {
        var app = await servers.GetAsync(provider);
        var person = await app.CreatePersonAsync(OrgRole.Viewer);
        using var here = await SignedInAsync(app, person, "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36");
        using var there = await SignedInAsync(app, person, "Mozilla/5.0 (Windows NT 10.0) Gecko/20100101 Firefox/128.0");

        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("account/sessions")).StatusCode);
        Assert.Contains("Chrome on Linux", here.Html);
        Assert.Contains("Firefox on Windows", here.Html);
        Assert.Contains("this browser", here.Html);

        var response = await here.PostAsync("account/sessions", "revoke-other-sessions", ("Others", "all"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Signed out 1 other session.", here.Html);
        Assert.DoesNotContain("Firefox on Windows", here.Html);
        Assert.Equal(HttpStatusCode.Unauthorized, (await there.Http.GetAsync("api/v1/me")).StatusCode);
    }

    private static async Task ChangeAsync(UnyoApp app, Func<Unyo.Data.UnyoDb, Task<int>> change)
    {
        using var scope = app.Services.CreateScope();
        Assert.Equal(1, await change(scope.ServiceProvider.GetRequiredService<Unyo.Data.UnyoDb>()));
    }

    private static async Task<FormClient> SignedInAsync(UnyoApp app, Person person, string userAgent)
    {
        var browser = new FormClient(app);
        browser.Http.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        var response = await browser.SignInAsync(person.Email, person.Password);
        Assert.True(browser.HasSession, $"sign-in did not start a session: {(int)response.StatusCode}");
        return browser;
    }
}
