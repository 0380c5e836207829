using System.Net;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.TestOidc;

namespace Unyo.IntegrationTests.Sso;

/// Forged, replayed and tampered responses: each is refused, signs nobody in, and leaves its
/// precise reason in the audit log while the page says only that sign-on did not work.
public sealed class SsoRefusalTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task EveryForgedIdTokenIsRefusedWithItsReasonInTheAuditLog(string provider)
    {
        var app = await servers.GetAsync(provider);
        await using var idp = await TestOidcProvider.StartAsync();
        var name = await SsoTestKit.AddProviderAsync(app, idp, jit: true);
        idp.User = new TestUser(Guid.NewGuid().ToString(), SsoTestKit.Email(), "Target", []);
        var cases = new (Misbehaviour Misbehave, string Reason)[]
        {
            (Misbehaviour.WrongAudience, "id-token-invalid: audience is not this client"),
            // After the first: the keys are cached by then, so a fetch here is the refetch.
            (Misbehaviour.UnknownKey, "id-token-invalid: signed with a key the provider does not publish"),
            (Misbehaviour.WrongNonce, "id-token-invalid: nonce does not match the one this browser was given"),
            (Misbehaviour.Expired, "id-token-invalid: expired at "),
            (Misbehaviour.WrongIssuer, "id-token-invalid: issuer is not the configured one"),
            (Misbehaviour.ExtraAudienceWithoutAzp, "id-token-invalid: several audiences and no azp"),
        };

        foreach (var (misbehave, reason) in cases)
        {
            idp.Misbehave = misbehave;
            var fetchesBefore = idp.JwksFetches;
            using var browser = new SsoBrowser(app);
            var response = await browser.SignInAsync(name);

            Assert.True(browser.Final.Query == "?sso=failed", $"{misbehave}: ended at {browser.Final}");
            var page = await response.Content.ReadAsStringAsync();
            Assert.Contains("Single sign-on did not work.", page, StringComparison.Ordinal);
            Assert.DoesNotContain("nonce", page, StringComparison.OrdinalIgnoreCase);
            Assert.Null(await SsoTestKit.MeAsync(browser));
            Assert.StartsWith($"{{\"reason\":\"{reason}", SsoTestKit.FailureReasons(app, name)[^1], StringComparison.Ordinal);
            if (misbehave == Misbehaviour.UnknownKey)
            {
                // An unknown key makes Unyo read the provider's keys once more before refusing (and
                // ask its cache to refresh in the background, which may add a fetch later).
                Assert.True(idp.JwksFetches > fetchesBefore, $"no JWKS refetch: {idp.JwksFetches} fetches");
            }
        }
        Assert.Equal(cases.Length, SsoTestKit.FailureReasons(app, name).Count);
        Assert.False(app.WithDb(db => db.Users.Any(u => u.Email == idp.User.Email)));
    }

    [Theory, DatabaseData]
    public async Task AReplayedCallbackIsRefused(string provider)
    {
        var app = await servers.GetAsync(provider);
        await using var idp = await TestOidcProvider.StartAsync();
        var name = await SsoTestKit.AddProviderAsync(app, idp);
        var email = SsoTestKit.Email();
        await SsoTestKit.AddPersonAsync(app, email);
        idp.User = new TestUser(Guid.NewGuid().ToString(), email, "Replayed", []);
        using var victim = new SsoBrowser(app);
        await victim.SignInAsync(name);
        var callback = victim.Callback;
        Assert.NotNull(await SsoTestKit.MeAsync(victim));

        // The same browser again: the callback deleted its cookie, so the state is spent.
        await victim.FollowAsync(callback);
        Assert.Equal("?sso=failed", victim.Final.Query);
        Assert.StartsWith("{\"reason\":\"correlation-missing:", SsoTestKit.FailureReasons(app, name)[^1], StringComparison.Ordinal);

        // Another browser replays the callback URL: it has no correlation cookie at all.
        using var attacker = new SsoBrowser(app);
        await attacker.FollowAsync(callback);
        Assert.Equal("?sso=failed", attacker.Final.Query);
        Assert.Null(await SsoTestKit.MeAsync(attacker));
        Assert.Equal(2, SsoTestKit.FailureReasons(app, name).Count);
    }

    [Theory, DatabaseData]
    public async Task AReplayWithTheStolenCookieStillFailsBecauseTheCodeWasUsed(string provider)
    {
        var app = await servers.GetAsync(provider);
        await using var idp = await TestOidcProvider.StartAsync();
        var name = await SsoTestKit.AddProviderAsync(app, idp);
        var email = SsoTestKit.Email();
        await SsoTestKit.AddPersonAsync(app, email);
        idp.User = new TestUser(Guid.NewGuid().ToString(), email, "Replayed", []);
        using var victim = new SsoBrowser(app);
        await victim.FollowAsync(new Uri(app.Address, $"signin/sso/{name}"), stopAtHop: 1);
        var stolen = victim.Cookies.GetCookies(new Uri(app.Address, $"signin/sso/{name}/callback")).Single(c => c.Name == $"unyo.sso.{name}");
        var authorize = victim.Visited[^1];
        var redirect = await victim.Client.GetAsync(authorize);
        var callback = redirect.Headers.Location!;
        await victim.FollowAsync(callback);
        Assert.NotNull(await SsoTestKit.MeAsync(victim));

        using var attacker = new SsoBrowser(app);
        attacker.Cookies.Add(new Uri(app.Address, $"signin/sso/{name}/callback"), new Cookie(stolen.Name, stolen.Value, stolen.Path));
        await attacker.FollowAsync(callback);

        Assert.Equal("?sso=failed", attacker.Final.Query);
        Assert.Null(await SsoTestKit.MeAsync(attacker));
        Assert.StartsWith("{\"reason\":\"token-exchange-failed: 400", SsoTestKit.FailureReasons(app, name)[^1], StringComparison.Ordinal);
        Assert.Contains("token: unknown or used code", idp.Refusals);
    }

    [Theory, DatabaseData]
    public async Task AForgedStateIsRefusedBeforeTheCodeIsRedeemed(string provider)
    {
        var app = await servers.GetAsync(provider);
        await using var idp = await TestOidcProvider.StartAsync();
        var name = await SsoTestKit.AddProviderAsync(app, idp);
        var email = SsoTestKit.Email();
        await SsoTestKit.AddPersonAsync(app, email);
        idp.User = new TestUser(Guid.NewGuid().ToString(), email, "Forged", []);
        using var browser = new SsoBrowser(app);
        await browser.FollowAsync(new Uri(app.Address, $"signin/sso/{name}"), stopAtHop: 1);
        var redirect = await browser.Client.GetAsync(browser.Visited[^1]);
        var callback = redirect.Headers.Location!.ToString();
        var forged = new Uri(System.Text.RegularExpressions.Regex.Replace(callback, "state=[^&]+", "state=forged-state"));

        await browser.FollowAsync(forged);

        Assert.Equal("?sso=failed", browser.Final.Query);
        Assert.Null(await SsoTestKit.MeAsync(browser));
        Assert.StartsWith("{\"reason\":\"state-mismatch:", SsoTestKit.FailureReasons(app, name)[^1], StringComparison.Ordinal);
        Assert.Empty(idp.TokenRequests);
    }
}
