using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.Features.Accounts.Mfa;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Accounts;

public sealed class MfaTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task EnrolmentIsConfirmedByAFirstCodeAndGivesTenRecoveryCodesStoredOnlyAsHashes(string provider)
    {
        var app = await servers.GetAsync(provider);
        var member = await app.CreateUserAsync(OrgRole.Member);
        using var client = app.Client(member.Token);

        var before = await (await client.GetAsync("api/v1/me/mfa")).ReadAsync<MfaStatusResponse>(HttpStatusCode.OK);
        var started = await client.PostAsync("api/v1/me/mfa/totp", null);
        var enrolment = await started.ReadAsync<TotpEnrolmentResponse>(HttpStatusCode.OK);
        var secret = Base32.Decode(enrolment.Secret);
        var pending = await (await client.GetAsync("api/v1/me/mfa")).ReadAsync<MfaStatusResponse>(HttpStatusCode.OK);
        var wrong = await (await client.PostJsonAsync("api/v1/me/mfa/totp/confirm", new MfaCodeRequest { Code = Totp.Code(secret, MfaTestKit.Now() - 5) })).ProblemAsync(HttpStatusCode.BadRequest);
        var confirmed = await (await client.PostJsonAsync("api/v1/me/mfa/totp/confirm", new MfaCodeRequest { Code = Totp.Code(secret, MfaTestKit.Now()) })).ReadAsync<RecoveryCodesResponse>(HttpStatusCode.OK);
        var after = await (await client.GetAsync("api/v1/me/mfa")).ReadAsync<MfaStatusResponse>(HttpStatusCode.OK);
        var again = await client.PostAsync("api/v1/me/mfa/totp", null);

        Assert.False(before.Enabled);
        Assert.Equal("no-store", started.Headers.CacheControl?.ToString());
        Assert.Equal(20, secret.Length);
        Assert.Contains($"secret={enrolment.Secret}", enrolment.OtpauthUri, StringComparison.Ordinal);
        Assert.StartsWith("<svg", enrolment.QrCodeSvg, StringComparison.Ordinal);
        Assert.Equal((false, true), (pending.Enabled, pending.Pending));
        Assert.Equal(["code"], wrong.Keys);
        Assert.Equal(10, confirmed.RecoveryCodes.Distinct().Count());
        Assert.Equal((true, false, 10), (after.Enabled, after.Pending, after.RecoveryCodesLeft));
        await again.ProblemAsync(HttpStatusCode.Conflict);
        var stored = app.WithDb(db => db.UserTotps.Single(t => t.UserId == member.Id).ProtectedSecret);
        var hashes = app.WithDb(db => db.RecoveryCodes.Where(c => c.UserId == member.Id).Select(c => c.Hash).ToList());
        Assert.DoesNotContain(enrolment.Secret, stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(secret), stored, StringComparison.Ordinal);
        Assert.Equal(10, hashes.Count);
        Assert.Empty(hashes.Intersect(confirmed.RecoveryCodes));
    }

    [Theory, DatabaseData]
    public async Task AUsedCodeIsRefusedAndRecoveryCodesAreRenewedAndTurnItOff(string provider)
    {
        var app = await servers.GetAsync(provider);
        var viewer = await app.CreateUserAsync(OrgRole.Viewer);
        using var client = app.Client(viewer.Token);
        var (secret, usedStep, recovery) = await MfaTestKit.EnrolAsync(client);

        var replayed = await (await client.PostJsonAsync("api/v1/me/mfa/recovery-codes", new MfaCodeRequest { Code = Totp.Code(secret, usedStep) })).ProblemAsync(HttpStatusCode.BadRequest);
        var renewed = await (await client.PostJsonAsync("api/v1/me/mfa/recovery-codes", new MfaCodeRequest { Code = recovery[0] })).ReadAsync<RecoveryCodesResponse>(HttpStatusCode.OK);
        var oldCode = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "api/v1/me/mfa") { Content = JsonContent(recovery[1]) });
        var withoutCode = await client.DeleteAsync("api/v1/me/mfa");
        var off = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "api/v1/me/mfa") { Content = JsonContent(Totp.Code(secret, usedStep + 1)) });
        var status = await (await client.GetAsync("api/v1/me/mfa")).ReadAsync<MfaStatusResponse>(HttpStatusCode.OK);

        Assert.Equal([SecondFactor.WrongCode], replayed["code"]);
        Assert.Empty(renewed.RecoveryCodes.Intersect(recovery));
        Assert.Equal([SecondFactor.WrongCode], (await oldCode.ProblemAsync(HttpStatusCode.BadRequest))["code"]);
        await withoutCode.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.NoContent, off.StatusCode);
        Assert.False(status.Enabled);
        Assert.Equal(0, app.WithDb(db => db.RecoveryCodes.Count(c => c.UserId == viewer.Id) + db.UserTotps.Count(t => t.UserId == viewer.Id)));
    }

    // Someone holding a person's token or session must not guess codes on the API without
    // limit: each wrong code is audited and counts toward the same lockout as sign-in.
    [Theory, DatabaseData]
    public async Task WrongCodesOnTheApiAreAuditedAndLockTheAccount(string provider)
    {
        var app = await servers.GetAsync(provider);
        var person = await app.CreatePersonAsync(OrgRole.Member);
        using var client = app.Client(person.Token);
        var (_, _, recovery) = await MfaTestKit.EnrolAsync(client);

        var wrong = new List<HttpResponseMessage>();
        for (var i = 0; i < SignInThrottle.AccountLimit; i++)
        {
            wrong.Add(i % 2 == 0
                ? await client.PostJsonAsync("api/v1/me/mfa/recovery-codes", new MfaCodeRequest { Code = "000000" })
                : await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "api/v1/me/mfa") { Content = JsonContent("wrong-recovery") }));
        }
        var locked = await client.PostJsonAsync("api/v1/me/mfa/recovery-codes", new MfaCodeRequest { Code = recovery[0] });
        var records = await (await app.Admin().GetAsync($"api/v1/audit?kind=User&name={Uri.EscapeDataString(person.Email)}&limit=50")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK);
        var signIn = await TryPasswordAsync(app, person);

        Assert.All(wrong, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Contains("try again after", (await locked.ProblemAsync(HttpStatusCode.TooManyRequests))["code"][0], StringComparison.Ordinal);
        Assert.Equal(SignInThrottle.AccountLimit, records.Items.Count(r => r.Action == "mfa.code-refused"));
        Assert.Contains(records.Items, r => r.Action == "signin.lockout");
        Assert.Equal("mfa.refused-locked", records.Items[0].Action);
        Assert.All(records.Items.Where(r => r.Action == "mfa.code-refused"), r => Assert.Equal((person.Email, "api"), (r.ActorEmail, r.Source)));
        // The right recovery code was not spent by the refused call, and nothing else changed.
        Assert.Equal(SecondFactor.RecoveryCodeCount, app.WithDb(db => db.RecoveryCodes.Count(c => c.UserId == person.Id && c.UsedAt == null)));
        Assert.Null(signIn);
    }

    private static async Task<User?> TryPasswordAsync(UnyoApp app, Person person)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PasswordSignIn>().CheckAsync(person.Email, person.Password, CancellationToken.None);
    }

    [Theory, DatabaseData]
    public async Task SignInAsksForTheCodeAfterThePasswordAndEachCodeWorksOnce(string provider)
    {
        var app = await servers.GetAsync(provider);
        var person = await app.CreatePersonAsync(OrgRole.Member);
        var (secret, usedStep, recovery) = await MfaTestKit.EnrolAsync(app.Client(person.Token));
        using var browser = new FormClient(app);

        var password = await browser.SignInAsync(person.Email, person.Password);
        var ticket = browser.Hidden("Ticket");
        var sessionAfterPassword = browser.HasSession;
        var wrong = await browser.SendCodeAsync(Totp.Code(secret, usedStep - 3));
        var wrongPage = browser.Html;
        var replayed = await browser.SendCodeAsync(Totp.Code(secret, usedStep));
        var replayedPage = browser.Html;
        var forged = await browser.SendCodeAsync(Totp.Code(secret, usedStep + 1), ticket: ticket![..^4] + "AAAA");
        await browser.SignInAsync(person.Email, person.Password);
        var signedIn = await browser.SendCodeAsync(Totp.Code(secret, usedStep + 1));
        var account = await browser.GetAsync("account");

        Assert.Equal(HttpStatusCode.OK, password.StatusCode);
        Assert.NotNull(ticket);
        Assert.False(sessionAfterPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("That code is not right, or was already used.", wrongPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Contains("That code is not right, or was already used.", replayedPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/services", signedIn.Headers.Location?.AbsolutePath);
        Assert.True(browser.HasSession);
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        Assert.Contains("10 of 10 recovery codes unused", browser.Html.Replace("<!--!-->", "", StringComparison.Ordinal), StringComparison.Ordinal);

        using var lostPhone = new FormClient(app);
        await lostPhone.SignInAsync(person.Email, person.Password);
        var recovered = await lostPhone.SendCodeAsync(recovery[0].ToUpperInvariant());
        using var thief = new FormClient(app);
        await thief.SignInAsync(person.Email, person.Password);
        var reused = await thief.SendCodeAsync(recovery[0]);

        Assert.Equal(HttpStatusCode.Redirect, recovered.StatusCode);
        Assert.True(lostPhone.HasSession);
        Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
        Assert.False(thief.HasSession);
    }

    [Theory, DatabaseData]
    public async Task AdminsResetASecondFactorButOnlyOwnersResetAnOwners(string provider)
    {
        var app = await servers.GetAsync(provider);
        var member = await app.CreateUserAsync(OrgRole.Member);
        var admin = await app.CreateUserAsync(OrgRole.Admin);
        var ownerId = app.WithDb(db => db.Users.Single(u => u.Email == UnyoApp.AdminEmail).Id);
        await MfaTestKit.EnrolAsync(app.Client(member.Token));
        await MfaTestKit.EnrolAsync(app.Client(admin.Token));
        using var asAdmin = app.Client(admin.Token);

        var reset = await asAdmin.DeleteAsync($"api/v1/users/{member.Id}/mfa");
        var memberStatus = await (await app.Client(member.Token).GetAsync("api/v1/me/mfa")).ReadAsync<MfaStatusResponse>(HttpStatusCode.OK);
        var owners = await asAdmin.DeleteAsync($"api/v1/users/{ownerId}/mfa");
        var unknown = await asAdmin.DeleteAsync($"api/v1/users/{Guid.NewGuid()}/mfa");
        var byMember = await app.Client(member.Token).DeleteAsync($"api/v1/users/{admin.Id}/mfa");
        var byOwner = await app.Admin().DeleteAsync($"api/v1/users/{admin.Id}/mfa");

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal((false, 0), (memberStatus.Enabled, memberStatus.RecoveryCodesLeft));
        await owners.ProblemAsync(HttpStatusCode.Forbidden);
        await unknown.ProblemAsync(HttpStatusCode.NotFound);
        await byMember.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, byOwner.StatusCode);
        Assert.False(app.WithDb(db => db.UserTotps.Any(t => t.UserId == admin.Id)));
    }

    [Theory, DatabaseData]
    public async Task ThePolicyHoldsABrowserSessionAtEnrolmentButNotApiTokens(string provider)
    {
        // Its own server: the policy applies to everyone on it.
        var app = await servers.GetIsolatedAsync(provider, "mfa-policy");
        var admin = await app.CreatePersonAsync(OrgRole.Admin);
        var member = await app.CreatePersonAsync(OrgRole.Member);

        var initial = await (await app.Admin().GetAsync("api/v1/organisation/mfa-policy")).ReadAsync<MfaPolicyResponse>(HttpStatusCode.OK);
        var byMember = await app.Client(member.Token).PutAsJsonAsync("api/v1/organisation/mfa-policy", new MfaPolicyRequest { Policy = "everyone" }, HttpAssertions.Json);
        var invalid = await app.Admin().PutAsJsonAsync("api/v1/organisation/mfa-policy", new MfaPolicyRequest { Policy = "some" }, HttpAssertions.Json);
        var set = await (await app.Admin().PutAsJsonAsync("api/v1/organisation/mfa-policy", new MfaPolicyRequest { Policy = "admins" }, HttpAssertions.Json)).ReadAsync<MfaPolicyResponse>(HttpStatusCode.OK);

        Assert.Equal("none", initial.Policy);
        await byMember.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(["policy"], (await invalid.ProblemAsync(HttpStatusCode.BadRequest)).Keys);
        Assert.Equal("admins", set.Policy);

        using var adminBrowser = new FormClient(app);
        using var memberBrowser = new FormClient(app);
        await adminBrowser.SignInAsync(admin.Email, admin.Password);
        await memberBrowser.SignInAsync(member.Email, member.Password);
        var held = await adminBrowser.GetAsync("services");
        var heldApi = await adminBrowser.Http.GetAsync("api/v1/teams");
        var enrolmentPage = await adminBrowser.GetAsync("account/two-factor");
        var enrolmentHtml = adminBrowser.Html;
        var token = await app.Client(admin.Token).GetAsync("api/v1/teams");
        var memberPage = await memberBrowser.GetAsync("services");

        Assert.Equal(HttpStatusCode.Redirect, held.StatusCode);
        Assert.Equal(MfaEnrolmentGate.EnrolmentPath, held.Headers.Location?.OriginalString);
        await heldApi.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, enrolmentPage.StatusCode);
        Assert.Contains("Your organisation requires two-factor authentication", enrolmentHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal(HttpStatusCode.OK, memberPage.StatusCode);

        var (secret, usedStep, _) = await MfaTestKit.EnrolAsync(adminBrowser.Http);
        var released = await adminBrowser.GetAsync("services");
        var turnOff = await app.Client(admin.Token).SendAsync(new HttpRequestMessage(HttpMethod.Delete, "api/v1/me/mfa") { Content = JsonContent(Totp.Code(secret, usedStep + 1)) });

        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        await turnOff.ProblemAsync(HttpStatusCode.Conflict);
    }

    private static StringContent JsonContent(string code) =>
        new(System.Text.Json.JsonSerializer.Serialize(new MfaCodeRequest { Code = code }, HttpAssertions.Json), System.Text.Encoding.UTF8, "application/json");
}
