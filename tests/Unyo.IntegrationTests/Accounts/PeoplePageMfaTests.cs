using System.Net;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Accounts;

/// The People page shows who has a second factor on, and lets admins reset it through the same
/// code as DELETE /api/v1/users/{id}/mfa: owners only for an owner, and audited as mfa.reset.
public sealed class PeoplePageMfaTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task AnAdminResetsSomeonesSecondFactorFromThePageAndTheLogSaysWhoDidIt(string provider)
    {
        var app = await servers.GetAsync(provider);
        var admin = await app.CreatePersonAsync(OrgRole.Admin);
        var enrolled = await app.CreatePersonAsync(OrgRole.Member);
        var without = await app.CreatePersonAsync(OrgRole.Member);
        await MfaTestKit.EnrolAsync(app.Client(enrolled.Token));
        using var browser = await SignedInAsync(app, admin);

        var page = await browser.GetAsync("people");
        var before = (Row(browser.Html, enrolled.Email), Row(browser.Html, without.Email));
        var reset = await browser.PostAsync("people", "change-person", ("Change", $"{enrolled.Id}|reset-mfa"));
        var after = Row(browser.Html, enrolled.Email);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("badge-on", before.Item1, StringComparison.Ordinal);
        Assert.Contains($"value=\"{enrolled.Id}|reset-mfa\"", before.Item1, StringComparison.Ordinal);
        Assert.DoesNotContain("badge-on", before.Item2, StringComparison.Ordinal);
        Assert.DoesNotContain("reset-mfa", before.Item2, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Contains($"Reset the second factor of {enrolled.Email}", browser.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("badge-on", after, StringComparison.Ordinal);
        Assert.DoesNotContain("reset-mfa", after, StringComparison.Ordinal);
        var status = await (await app.Client(enrolled.Token).GetAsync("api/v1/me/mfa")).ReadAsync<MfaStatusResponse>(HttpStatusCode.OK);
        Assert.False(status.Enabled);
        var record = Assert.Single((await AuditAsync(app, enrolled.Email)).Items);
        Assert.Equal(admin.Email, record.ActorEmail);
        Assert.Equal("ui", record.Source);
        Assert.StartsWith("session:", record.Credential, StringComparison.Ordinal);
    }

    [Theory, DatabaseData]
    public async Task AnAdminGetsNoButtonForAnOwnerAndAForgedPostIsRefusedWithoutARecord(string provider)
    {
        // A server of its own: a second owner on the shared one lets another test demote the server's
        // own owner (no longer the last one), and every later test there is refused.
        var app = await servers.GetIsolatedAsync(provider, "second-owner");
        var admin = await app.CreatePersonAsync(OrgRole.Admin);
        var owner = await app.CreatePersonAsync(OrgRole.Owner);
        await MfaTestKit.EnrolAsync(app.Client(owner.Token));
        using var browser = await SignedInAsync(app, admin);

        await browser.GetAsync("people");
        var row = Row(browser.Html, owner.Email);
        var forged = await browser.PostAsync("people", "change-person", ("Change", $"{owner.Id}|reset-mfa"));

        Assert.Contains("badge-on", row, StringComparison.Ordinal);
        Assert.DoesNotContain("reset-mfa", row, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains("Only owners can reset an owner", browser.Html, StringComparison.Ordinal);
        Assert.True((await (await app.Client(owner.Token).GetAsync("api/v1/me/mfa")).ReadAsync<MfaStatusResponse>(HttpStatusCode.OK)).Enabled);
        Assert.Empty((await AuditAsync(app, owner.Email)).Items);
    }

    [Theory, DatabaseData]
    public async Task MembersAndViewersSeeNoPeoplePageAndCannotPostAReset(string provider)
    {
        var app = await servers.GetAsync(provider);
        var target = await app.CreatePersonAsync(OrgRole.Member);
        await MfaTestKit.EnrolAsync(app.Client(target.Token));

        foreach (var role in new[] { OrgRole.Member, OrgRole.Viewer })
        {
            var person = await app.CreatePersonAsync(role);
            using var browser = await SignedInAsync(app, person);

            var page = await browser.GetAsync("people");
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.StartsWith("/forbidden", page.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
            Assert.DoesNotContain("reset-mfa", browser.Html, StringComparison.Ordinal);
            // The anti-forgery token of a page they may see, so only the role stands in the way.
            await browser.GetAsync("account");
            var forged = await browser.PostAsync("people", "change-person", ("Change", $"{target.Id}|reset-mfa"));
            Assert.NotEqual(HttpStatusCode.OK, forged.StatusCode);
            Assert.DoesNotContain("Reset the second factor", browser.Html, StringComparison.Ordinal);
        }

        Assert.True((await (await app.Client(target.Token).GetAsync("api/v1/me/mfa")).ReadAsync<MfaStatusResponse>(HttpStatusCode.OK)).Enabled);
        Assert.Empty((await AuditAsync(app, target.Email)).Items);
    }

    private static async Task<FormClient> SignedInAsync(UnyoApp app, Person person)
    {
        var browser = new FormClient(app);
        await browser.SignInAsync(person.Email, person.Password);
        Assert.True(browser.HasSession);
        return browser;
    }

    private static async Task<Page<AuditRecordResponse>> AuditAsync(UnyoApp app, string email) =>
        await (await app.Admin().GetAsync($"api/v1/audit?action=mfa.reset&kind=User&name={Uri.EscapeDataString(email)}")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK);

    // The table row of one person: from their email to the end of the row.
    private static string Row(string html, string email)
    {
        var start = html.IndexOf($"<td>{email}", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{email} is not on the page.");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
