using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.TestOidc;

namespace Unyo.IntegrationTests.Sso;

public sealed class SsoSignInTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task AKnownPersonIsLinkedByEmailSignedInAndSentWhereTheyWereGoing(string provider)
    {
        var app = await servers.GetAsync(provider);
        await using var idp = await TestOidcProvider.StartAsync();
        var name = await SsoTestKit.AddProviderAsync(app, idp);
        var email = SsoTestKit.Email();
        var person = await SsoTestKit.AddPersonAsync(app, email);
        idp.User = new TestUser(Guid.NewGuid().ToString(), email.ToUpperInvariant(), "Known Person", []);
        using var browser = new SsoBrowser(app);

        var response = await browser.SignInAsync(name, "/teams");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/teams", browser.Final.AbsolutePath);
        Assert.Equal(person.Id, (await SsoTestKit.MeAsync(browser))!.Id);
        Assert.Contains(idp.TokenRequests, r => r.StartsWith("client_secret_basic", StringComparison.Ordinal) && r.Contains("code_verifier=sent", StringComparison.Ordinal)
            && r.Contains($"redirect_uri={app.Address}signin/sso/{name}/callback", StringComparison.Ordinal));
        Assert.Empty(idp.Refusals);
        var signIn = app.WithDb(db => db.AuditRecords.AsNoTracking().Single(r => r.Action == "signin.sso" && r.ObjectName == email));
        Assert.Equal(person.Id, signIn.ActorId);
        Assert.Contains("\"account\":\"linked-by-email\"", signIn.After, StringComparison.Ordinal);
        Assert.NotNull(app.WithDb(db => db.Users.Single(u => u.Id == person.Id).LastSignInAt));
    }

    [Theory, DatabaseData]
    public async Task TheLinkBySubjectWinsOverAChangedEmail(string provider)
    {
        var app = await servers.GetAsync(provider);
        await using var idp = await TestOidcProvider.StartAsync();
        var name = await SsoTestKit.AddProviderAsync(app, idp);
        var email = SsoTestKit.Email();
        var person = await SsoTestKit.AddPersonAsync(app, email);
        var subject = Guid.NewGuid().ToString();
        idp.User = new TestUser(subject, email, "Linked", []);
        using (var first = new SsoBrowser(app))
        {
            await first.SignInAsync(name);
            Assert.Equal(person.Id, (await SsoTestKit.MeAsync(first))!.Id);
        }

        // The provider now reports another address (say, after a rename); the link still holds.
        idp.User = new TestUser(subject, SsoTestKit.Email(), "Linked", []);
        using var second = new SsoBrowser(app);
        await second.SignInAsync(name);

        Assert.Equal(person.Id, (await SsoTestKit.MeAsync(second))!.Id);
        Assert.Equal(1, app.WithDb(db => db.SsoLinks.Count(l => l.UserId == person.Id)));
    }

    [Theory, DatabaseData]
    public async Task AnUnknownPersonIsToldToAskAnAdminWhenJitIsOff(string provider)
    {
        var app = await servers.GetAsync(provider);
        await using var idp = await TestOidcProvider.StartAsync();
        var name = await SsoTestKit.AddProviderAsync(app, idp, jit: false);
        var email = SsoTestKit.Email();
        idp.User = new TestUser(Guid.NewGuid().ToString(), email, "Stranger", []);
        using var browser = new SsoBrowser(app);

        var response = await browser.SignInAsync(name);

        Assert.Equal("/signin", browser.Final.AbsolutePath);
        Assert.Equal("?sso=no-account", browser.Final.Query);
        Assert.Contains("There is no Unyo account for this email. Ask an admin to add you.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await SsoTestKit.MeAsync(browser));
        Assert.False(app.WithDb(db => db.Users.Any(u => u.Email == email)));
        Assert.StartsWith("{\"reason\":\"no-account:", Assert.Single(SsoTestKit.FailureReasons(app, name)), StringComparison.Ordinal);
    }

    [Theory, DatabaseData]
    public async Task AnUnknownPersonGetsAnAccountWithTheJitRoleWhenJitIsOn(string provider)
    {
        var app = await servers.GetAsync(provider);
        await using var idp = await TestOidcProvider.StartAsync(authMethod: "client_secret_post");
        var name = await SsoTestKit.AddProviderAsync(app, idp, jit: true, jitRole: "member");
        var email = SsoTestKit.Email();
        idp.User = new TestUser(Guid.NewGuid().ToString(), email, "New Starter", []);
        using var browser = new SsoBrowser(app);

        await browser.SignInAsync(name);

        var me = await SsoTestKit.MeAsync(browser);
        Assert.NotNull(me);
        Assert.Equal((email, "New Starter", "member"), (me.Email, me.DisplayName, me.Role));
        Assert.Contains(idp.TokenRequests, r => r.StartsWith("client_secret_post", StringComparison.Ordinal));
        var created = app.WithDb(db => db.AuditRecords.AsNoTracking().Single(r => r.Action == "user.create" && r.ObjectName == email));
        Assert.Equal("sso", created.Source);
        // No password was ever set: the password form cannot sign this account in.
        var form = await FormClientSignInAsync(app, email);
        Assert.Equal(HttpStatusCode.Unauthorized, form);
    }

    [Theory, DatabaseData]
    public async Task AnUnverifiedEmailNeitherLinksNorCreatesAnAccount(string provider)
    {
        var app = await servers.GetAsync(provider);
        await using var idp = await TestOidcProvider.StartAsync();
        var name = await SsoTestKit.AddProviderAsync(app, idp, jit: true);
        var email = SsoTestKit.Email();
        await SsoTestKit.AddPersonAsync(app, email);
        idp.User = new TestUser(Guid.NewGuid().ToString(), email, "Claimer", [], EmailVerified: false);
        using var browser = new SsoBrowser(app);

        await browser.SignInAsync(name);

        Assert.Equal("?sso=no-account", browser.Final.Query);
        Assert.Null(await SsoTestKit.MeAsync(browser));
        Assert.StartsWith("{\"reason\":\"email-unverified:", Assert.Single(SsoTestKit.FailureReasons(app, name)), StringComparison.Ordinal);
    }

    [Theory, DatabaseData]
    public async Task ADisabledPersonIsRefusedEvenWhenLinked(string provider)
    {
        var app = await servers.GetAsync(provider);
        await using var idp = await TestOidcProvider.StartAsync();
        var name = await SsoTestKit.AddProviderAsync(app, idp);
        var email = SsoTestKit.Email();
        var person = await SsoTestKit.AddPersonAsync(app, email);
        idp.User = new TestUser(Guid.NewGuid().ToString(), email, "Soon Disabled", []);
        using (var first = new SsoBrowser(app))
        {
            await first.SignInAsync(name);
            Assert.NotNull(await SsoTestKit.MeAsync(first));
        }
        (await app.Admin().PatchAsJsonAsync($"api/v1/users/{person.Id}", new UpdateUserRequest { Disabled = true }, HttpAssertions.Json)).EnsureSuccessStatusCode();
        using var browser = new SsoBrowser(app);

        var response = await browser.SignInAsync(name);

        Assert.Equal("?sso=disabled", browser.Final.Query);
        Assert.Contains("This Unyo account is disabled.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await SsoTestKit.MeAsync(browser));
        Assert.StartsWith("{\"reason\":\"disabled:", Assert.Single(SsoTestKit.FailureReasons(app, name)), StringComparison.Ordinal);
    }

    [Theory, DatabaseData]
    public async Task GroupsGrantTheHighestRoleAndTeamsAtEverySignIn(string provider)
    {
        var app = await servers.GetAsync(provider);
        var platform = Names.Unique("platform");
        var oncall = Names.Unique("oncall");
        foreach (var team in new[] { platform, oncall })
        {
            (await app.Admin().PostJsonAsync("api/v1/teams", new TeamRequest { Name = team })).EnsureSuccessStatusCode();
        }
        await using var idp = await TestOidcProvider.StartAsync();
        var name = await SsoTestKit.AddProviderAsync(app, idp, jit: true, jitRole: "viewer",
            new GroupMapping { Group = "/sre", OrgRole = "member", Team = platform },
            new GroupMapping { Group = "unyo-admins", OrgRole = "admin" },
            new GroupMapping { Group = "readers", OrgRole = "viewer" },
            new GroupMapping { Group = "pager", Team = oncall });
        var email = SsoTestKit.Email();
        var subject = Guid.NewGuid().ToString();
        idp.User = new TestUser(subject, email, "Grouped", ["/sre", "unrelated"]);
        using (var first = new SsoBrowser(app))
        {
            await first.SignInAsync(name);
            var me = (await SsoTestKit.MeAsync(first))!;
            Assert.Equal("member", me.Role);
            Assert.Equal([platform], me.Teams);
        }

        // Re-sync: new groups raise the role (highest wins) and add a team; none is taken away.
        idp.User = new TestUser(subject, email, "Grouped", ["readers", "unyo-admins", "pager"]);
        using var second = new SsoBrowser(app);
        await second.SignInAsync(name);

        var after = (await SsoTestKit.MeAsync(second))!;
        Assert.Equal("admin", after.Role);
        Assert.Equal(new[] { platform, oncall }.Order(StringComparer.Ordinal), after.Teams);
        var changes = app.WithDb(db => db.AuditRecords.AsNoTracking().Where(r => r.Source == "sso" && (r.ObjectName == email || r.After!.Contains(email)))
            .OrderBy(r => r.Id).Select(r => r.Action + " " + r.ObjectName).ToList());
        Assert.Equal([$"user.create {email}", $"user.update {email}", $"team.member-add {platform}", $"user.update {email}", $"team.member-add {oncall}"], changes);
    }

    [Theory, DatabaseData]
    public async Task OwnersKeepTheirRoleWhateverTheirGroupsSay(string provider)
    {
        // A server of its own: a second owner on the shared one changes "the last owner" for other tests.
        var app = await servers.GetIsolatedAsync(provider, "sso-owner");
        await using var idp = await TestOidcProvider.StartAsync();
        var name = await SsoTestKit.AddProviderAsync(app, idp, mappings: new GroupMapping { Group = "everyone", OrgRole = "viewer" });
        var email = SsoTestKit.Email();
        await SsoTestKit.AddPersonAsync(app, email, "owner");
        idp.User = new TestUser(Guid.NewGuid().ToString(), email, "Owner", ["everyone"]);
        using var browser = new SsoBrowser(app);

        await browser.SignInAsync(name);

        Assert.Equal("owner", (await SsoTestKit.MeAsync(browser))!.Role);
    }

    [Theory, DatabaseData]
    public async Task CancellingAtTheProviderSaysSoAndSignsNobodyIn(string provider)
    {
        var app = await servers.GetAsync(provider);
        await using var idp = await TestOidcProvider.StartAsync();
        var name = await SsoTestKit.AddProviderAsync(app, idp);
        idp.DenyWith = "access_denied";
        using var browser = new SsoBrowser(app);

        var response = await browser.SignInAsync(name);

        Assert.Equal("?sso=cancelled", browser.Final.Query);
        Assert.Contains("Sign-in was cancelled at the identity provider.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await SsoTestKit.MeAsync(browser));
        Assert.StartsWith("{\"reason\":\"provider-error: access_denied", Assert.Single(SsoTestKit.FailureReasons(app, name)), StringComparison.Ordinal);
    }

    [Theory, DatabaseData]
    public async Task TheSignInPageOffersEnabledProvidersOnly(string provider)
    {
        var app = await servers.GetAsync(provider);
        await using var idp = await TestOidcProvider.StartAsync();
        var name = await SsoTestKit.AddProviderAsync(app, idp);
        var hidden = await SsoTestKit.AddProviderAsync(app, idp);
        (await app.Admin().PutAsJsonAsync($"api/v1/sso/providers/{hidden}", new IdentityProviderRequest { Issuer = idp.Issuer, ClientId = "x", Enabled = false }, HttpAssertions.Json)).EnsureSuccessStatusCode();

        var page = await app.Client().GetStringAsync("signin?ReturnUrl=%2Fteams");

        Assert.Contains($"href=\"/signin/sso/{name}?returnUrl=%2Fteams\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"/signin/sso/{hidden}", page, StringComparison.Ordinal);
        using var browser = new SsoBrowser(app);
        await browser.SignInAsync(hidden);
        Assert.Equal("?sso=failed", browser.Final.Query);
        Assert.StartsWith("{\"reason\":\"provider-unknown:", Assert.Single(SsoTestKit.FailureReasons(app, hidden)), StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> FormClientSignInAsync(UnyoApp app, string email)
    {
        using var form = new Accounts.FormClient(app);
        return (await form.SignInAsync(email, "a long enough password")).StatusCode;
    }
}
