using System.Net;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.Hosting;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Accounts;

/// The per-address half of sign-in protection, over real requests to /signin: a client that
/// guesses across many accounts (each below the account limit) locks its own address, even for
/// a right password, while the same account signs in from another address. The test server
/// trusts loopback as a reverse proxy, so X-Forwarded-For gives each request its client address.
public sealed class AddressLockoutTests(Servers servers)
{
    private const string Scanner = "203.0.113.50";
    private const string Elsewhere = "198.51.100.60";

    private static readonly Dictionary<string, string> BehindProxy = new() { [TrustedProxies.Setting] = "127.0.0.0/8, ::1" };

    [Theory, DatabaseData]
    public async Task FailuresAcrossAccountsFromOneAddressLockThatAddressAndNoOther(string provider)
    {
        var app = await servers.GetIsolatedAsync(provider, "address-lockout", BehindProxy);
        var victim = await app.CreatePersonAsync(OrgRole.Member);
        var perAccount = SignInThrottle.AccountLimit - 1;
        var guessed = Enumerable.Range(0, (SignInThrottle.AddressLimit + perAccount - 1) / perAccount).Select(_ => $"scan-{Guid.NewGuid():N}@example.test").ToList();

        using var scanner = From(app, Scanner);
        for (var i = 0; i < SignInThrottle.AddressLimit; i++)
        {
            var failed = await scanner.SignInAsync(guessed[i / perAccount], "a wrong guess");
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
            // The failure that locks is answered like any other; the next attempt hears of the lock.
            Assert.DoesNotContain("Too many failed attempts", scanner.Html, StringComparison.Ordinal);
        }
        var fromScanner = await scanner.SignInAsync(victim.Email, victim.Password);
        var scannerHtml = scanner.Html;
        using var elsewhere = From(app, Elsewhere);
        var fromElsewhere = await elsewhere.SignInAsync(victim.Email, victim.Password);

        Assert.Equal(HttpStatusCode.Unauthorized, fromScanner.StatusCode);
        Assert.False(scanner.HasSession);
        Assert.Contains("Too many failed attempts", scannerHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, fromElsewhere.StatusCode);
        Assert.True(elsewhere.HasSession);
        var lockout = Assert.Single(await AuditAsync(app, guessed[^1], "signin.lockout"));
        Assert.Equal(Scanner, lockout.Ip);
        var refused = Assert.Single(await AuditAsync(app, victim.Email, "signin.refused-locked"));
        Assert.Equal(Scanner, refused.Ip);
        var succeeded = Assert.Single(await AuditAsync(app, victim.Email, "signin.succeeded"));
        Assert.Equal(Elsewhere, succeeded.Ip);
        // No account reached its own limit: the address alone is locked.
        var keys = guessed.Select(e => $"account:{e}").Append($"address:{Scanner}").Append($"address:{Elsewhere}").ToList();
        var locked = app.WithDb(db => db.SignInAttempts.Where(a => keys.Contains(a.Key)).ToList()).Where(a => a.LockedUntil is not null).Select(a => a.Key);
        Assert.Equal([$"address:{Scanner}"], locked);
    }

    private static FormClient From(UnyoApp app, string address)
    {
        var client = new FormClient(app);
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    private static async Task<IReadOnlyList<AuditRecordResponse>> AuditAsync(UnyoApp app, string email, string action) =>
        (await (await app.Admin().GetAsync($"api/v1/audit?kind=User&name={Uri.EscapeDataString(email)}&action={action}")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK)).Items;
}
