using System.Net;
using System.Text.RegularExpressions;
using Unyo.Features.Accounts;
using Unyo.Features.Audit;
using Unyo.IntegrationTests.Accounts;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Audit;

/// The audit page's time range: from/to in UTC beside the other filters, kept by the page links,
/// and a bad value answered with 400 and the name of the field.
public sealed partial class AuditPageTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task FromAndToKeepOnlyRecordsInTheRangeOnEveryPage(string provider)
    {
        var app = await servers.GetAsync(provider);
        var name = Names.Unique("page-range");
        // 55 records an hour apart inside the range, and one on each side of it.
        var start = new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero);
        app.WithDb(db =>
        {
            for (var hour = -1; hour <= 55; hour++)
            {
                db.AuditRecords.Add(new AuditRecord { At = start.AddHours(hour), Credential = "system", Action = hour is < 0 or 55 ? "team.delete" : "team.update", ObjectKind = "Team", ObjectName = name, Source = "system" });
            }
            return db.SaveChanges();
        });
        using var browser = await SignedInAsync(app);

        var first = await browser.GetAsync($"audit?name={name}&from=2026-01-10 00:00&to=2026-01-12T07:00:00Z");
        var firstRows = Rows(browser.Html);
        var next = WebUtility.HtmlDecode(NextLink().Match(browser.Html).Groups[1].Value);
        var second = await browser.GetAsync(next.TrimStart('/'));
        var secondRows = Rows(browser.Html);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(50, firstRows.Count);
        Assert.Contains("from=2026-01-10", next, StringComparison.Ordinal);
        Assert.Contains("to=2026-01-12", next, StringComparison.Ordinal);
        Assert.Contains($"name={name}", next, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(5, secondRows.Count);
        Assert.All(firstRows.Concat(secondRows), row => Assert.Contains("team.update", row, StringComparison.Ordinal));
        Assert.Contains("2026-01-10 00:00 UTC", secondRows[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", browser.Html, StringComparison.Ordinal);
    }

    [Theory, DatabaseData]
    public async Task AnUnreadableTimeOrABackwardsRangeIsRefusedNamingTheField(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var browser = await SignedInAsync(app);

        var unreadable = await browser.GetAsync("audit?from=last+tuesday&actor=someone@example.test");
        var unreadableHtml = browser.Html;
        var backwards = await browser.GetAsync("audit?from=2026-01-02&to=2026-01-01");
        var backwardsHtml = browser.Html;

        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Contains("From: &#x27;last tuesday&#x27; is not a time such as 2026-03-01 22:00 (UTC).", unreadableHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"last tuesday\"", unreadableHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"someone@example.test\"", unreadableHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<table class=\"grid audit\">", unreadableHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Contains("To: must be after from.", backwardsHtml, StringComparison.Ordinal);
    }

    private static async Task<FormClient> SignedInAsync(UnyoApp app)
    {
        var admin = await app.CreatePersonAsync(OrgRole.Admin);
        var browser = new FormClient(app);
        await browser.SignInAsync(admin.Email, admin.Password);
        Assert.True(browser.HasSession);
        return browser;
    }

    private static List<string> Rows(string html)
    {
        var body = html[html.IndexOf("<tbody>", StringComparison.Ordinal)..html.IndexOf("</tbody>", StringComparison.Ordinal)];
        return [.. body.Split("<tr", StringSplitOptions.RemoveEmptyEntries).Skip(1)];
    }

    [GeneratedRegex("<a href=\"([^\"]+)\" rel=\"next\">")]
    private static partial Regex NextLink();
}
