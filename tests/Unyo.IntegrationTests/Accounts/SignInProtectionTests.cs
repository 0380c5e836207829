using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Accounts;

public sealed class SignInProtectionTests(Servers servers)
{
    private static async Task<(User? User, DateTimeOffset? LockedUntil)> TryAsync(UnyoApp app, string email, string password)
    {
        using var scope = app.Services.CreateScope();
        var signIn = scope.ServiceProvider.GetRequiredService<PasswordSignIn>();
        var user = await signIn.CheckAsync(email, password, CancellationToken.None);
        return (user, signIn.LockedUntil);
    }

    [Theory, DatabaseData]
    public async Task RepeatedFailuresLockTheAccountEvenAgainstTheRightPassword(string provider)
    {
        var app = await servers.GetAsync(provider);
        var email = $"{Guid.NewGuid():N}@example.test";
        (await app.Admin().PostJsonAsync("api/v1/users", new CreateUserRequest { Email = email, Password = "the right password" })).EnsureSuccessStatusCode();

        for (var i = 0; i < SignInThrottle.AccountLimit; i++)
        {
            Assert.Null((await TryAsync(app, email, "wrong guess")).User);
        }
        var locked = await TryAsync(app, email, "the right password");

        Assert.Null(locked.User);
        Assert.NotNull(locked.LockedUntil);
        var records = await (await app.Admin().GetAsync($"api/v1/audit?kind=User&name={Uri.EscapeDataString(email)}&action=signin")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK);
        Assert.Equal("signin.refused-locked", records.Items[0].Action);
        Assert.Contains(records.Items, r => r.Action == "signin.lockout");
    }

    [Theory, DatabaseData]
    public async Task UnknownAccountsLockTheSameWaySoLockoutsRevealNothing(string provider)
    {
        var app = await servers.GetAsync(provider);
        var email = $"nobody-{Guid.NewGuid():N}@example.test";

        for (var i = 0; i < SignInThrottle.AccountLimit - 1; i++)
        {
            Assert.Null((await TryAsync(app, email, "guess")).LockedUntil);
        }
        await TryAsync(app, email, "guess");

        Assert.NotNull((await TryAsync(app, email, "guess")).LockedUntil);
    }

    [Theory, DatabaseData]
    public async Task ARightPasswordBeforeTheLimitClearsTheCount(string provider)
    {
        var app = await servers.GetAsync(provider);
        var email = $"{Guid.NewGuid():N}@example.test";
        (await app.Admin().PostJsonAsync("api/v1/users", new CreateUserRequest { Email = email, Password = "the right password" })).EnsureSuccessStatusCode();

        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < SignInThrottle.AccountLimit - 1; i++)
            {
                await TryAsync(app, email, "wrong guess");
            }
            Assert.NotNull((await TryAsync(app, email, "the right password")).User);
        }
    }

    [Theory, DatabaseData]
    public async Task GuessingCodesAfterTheRightPasswordLocksTheAccountToo(string provider)
    {
        var app = await servers.GetAsync(provider);
        var person = await app.CreatePersonAsync(OrgRole.Member);
        var (secret, usedStep, _) = await MfaTestKit.EnrolAsync(app.Client(person.Token));
        using var scope = app.Services.CreateScope();
        var signIn = scope.ServiceProvider.GetRequiredService<PasswordSignIn>();
        var user = await signIn.CheckAsync(person.Email, person.Password, CancellationToken.None);
        Assert.NotNull(user);

        for (var i = 0; i < SignInThrottle.AccountLimit; i++)
        {
            Assert.False(await signIn.CheckSecondFactorAsync(user, "000000", CancellationToken.None));
        }
        var right = Unyo.Features.Accounts.Mfa.Totp.Code(secret, Math.Max(usedStep + 1, MfaTestKit.Now()));

        Assert.False(await signIn.CheckSecondFactorAsync(user, right, CancellationToken.None));
        Assert.NotNull(signIn.LockedUntil);
        var records = await (await app.Admin().GetAsync($"api/v1/audit?kind=User&name={Uri.EscapeDataString(person.Email)}&action=signin")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK);
        Assert.Equal("signin.refused-locked", records.Items[0].Action);
        Assert.Contains(records.Items, r => r.Action == "signin.mfa-failed");
        Assert.Contains(records.Items, r => r.Action == "signin.password-accepted");
        Assert.DoesNotContain(records.Items, r => r.Action == "signin.succeeded");
    }
}
