using System.Net;
using Unyo.Features.Accounts;
using Unyo.IntegrationTests.Accounts;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Incidents;

// The pages on both databases (the browser test runs on SQLite): declaring on the form, working
// the incident page, and markup in titles and notes shown as text.
public sealed class IncidentPagesTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task TheDeclareFormAndTheIncidentPageWorkAnIncidentAndRenderMarkupInert(string provider)
    {
        var app = await servers.GetAsync(provider);
        var (_, service) = await IncidentKit.TeamAndServiceAsync(app);
        var person = await app.CreatePersonAsync(OrgRole.Member);
        using var browser = new FormClient(app);
        await browser.SignInAsync(person.Email, person.Password);

        await browser.GetAsync("incidents/declare");
        var refused = await browser.PostAsync("incidents/declare", "declare", ("Title", ""), ("Severity", "2"), ("Services", "no-such-service"));
        var refusedHtml = WebUtility.HtmlDecode(browser.Html);
        await browser.GetAsync("incidents/declare");
        var declared = await browser.PostAsync("incidents/declare", "declare", ("Title", "<script>alert('t')</script> Checkout down"), ("Severity", "2"), ("Services", service));
        var id = long.Parse(declared.Headers.Location!.ToString().Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        await browser.GetAsync($"incidents/{id}");
        await browser.PostAsync($"incidents/{id}", "incident-note", ("Note", "Rolled back **v42** <img src=x onerror=alert(1)>"));
        await browser.GetAsync($"incidents/{id}");
        await browser.PostAsync($"incidents/{id}", "incident-update", ("Status", "monitoring"), ("Severity", "1"));
        var page = await browser.GetAsync($"incidents/{id}");
        var html = browser.Html;
        var list = await browser.GetAsync("incidents");
        var listHtml = browser.Html;
        var fragment = await browser.GetAsync($"incidents/{id}/timeline");
        var fragmentHtml = browser.Html;

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("service 'no-such-service' does not exist", refusedHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, declared.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt; Checkout down", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=\"x\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", fragmentHtml, StringComparison.Ordinal);
        Assert.Contains("<strong>v42</strong>", fragmentHtml, StringComparison.Ordinal);
        Assert.Contains("SEV1", html, StringComparison.Ordinal);
        Assert.Contains("status-monitoring", html, StringComparison.Ordinal);
        Assert.Contains("Take this role", html, StringComparison.Ordinal);
        Assert.Contains("Runs the response", html, StringComparison.Ordinal);
        Assert.Contains("data-refresh=\"/incidents/" + id + "/timeline\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains($"href=\"/incidents/{id}\"", listHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, fragment.StatusCode);
        var detail = await IncidentKit.GetAsync(app.Admin(), id);
        Assert.Equal(("ui", 1, "monitoring", person.Email), (detail.Incident.Source, detail.Incident.Severity, detail.Incident.Status, detail.Incident.Commander));
    }
}
