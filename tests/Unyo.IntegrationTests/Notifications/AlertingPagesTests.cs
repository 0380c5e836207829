using System.Net;
using Unyo.Features.Notifications;
using Unyo.IntegrationTests.Accounts;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Notifications;

// The browser tests run on SQLite only; these load and post the silence and route pages on both.
public sealed class AlertingPagesTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task SilenceAndRoutePagesListCreateExpireAndPreviewOnEitherDatabase(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var pager = Names.Unique("pager");
        await RoutesKit.CreateChannelAsync(app, team, pager, ChannelUse.Paging);
        var route = Names.Unique("route");
        using var browser = new FormClient(app);
        await browser.SignInAsync(UnyoApp.AdminEmail, UnyoApp.AdminPassword);

        var form = await browser.GetAsync($"/silences/new?matcher=service%3D%22{service}%22");
        var prefilled = browser.Html;
        var created = await browser.PostAsync("/silences/new", "silence",
            ("Form.Team", team), ("Form.Matchers", $"service=\"{service}\""), ("Form.Duration", "1h"), ("Form.Comment", "Page test"));
        var name = app.WithDb(db => db.Silences.Single(s => s.Comment == "Page test" && s.Team!.Name == team).Name);
        var active = await browser.GetAsync("/silences?state=active");
        var listed = browser.Html;
        var expired = await browser.PostAsync("/silences?state=active", "expire-silence", ("ExpireName", name));
        var expiredList = await browser.GetAsync("/silences?state=expired");
        var afterExpiry = browser.Html;
        var routeCreated = await browser.PostAsync("/alert-routes", "route",
            ("Form.Name", route), ("Form.Team", team), ("Form.Order", "5"), ("Form.Services", service), ("Form.Channels", pager), ("Form.Continue", "false"), ("Form.Enabled", "true"));
        var preview = await browser.PostAsync("/alert-routes", "preview-route", ("Preview.Service", service), ("Preview.Severity", "critical"), ("Preview.Urgency", "high"), ("Preview.Labels", "env=prod"));
        var previewed = browser.Html;
        var editForm = await browser.GetAsync($"/alert-routes?edit={route}");
        var editing = browser.Html;
        (string, string)[] Edited(string revision, string order) =>
            [("Form.Revision", revision), ("Form.Name", route), ("Form.Team", team), ("Form.Order", order), ("Form.Services", service), ("Form.Channels", pager), ("Form.Continue", "true"), ("Form.Enabled", "true")];
        var saved = await browser.PostAsync($"/alert-routes?edit={route}", "route", Edited("1", "7"));
        var stale = await browser.PostAsync($"/alert-routes?edit={route}", "route", Edited("1", "8"));
        var staleHtml = browser.Html;

        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains($"service=&quot;{service}&quot;", prefilled);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal($"/silences?saved={name}&state=active", created.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, active.StatusCode);
        Assert.Contains(name, listed);
        Assert.Equal(HttpStatusCode.OK, expired.StatusCode);
        Assert.Equal(HttpStatusCode.OK, expiredList.StatusCode);
        Assert.Contains("(expired early)", afterExpiry);
        Assert.Equal(HttpStatusCode.OK, routeCreated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains($"Notifies {pager}.", previewed);
        Assert.Equal(HttpStatusCode.OK, editForm.StatusCode);
        Assert.Contains($"Edit route {route}", editing);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Contains("Someone changed this route", staleHtml);
        var stored = app.WithDb(db => db.AlertRoutes.Single(r => r.Name == route));
        Assert.Equal(("Ui", 7, true, 2), (stored.ManagedBy.ToString(), stored.Order, stored.Continue, stored.Revision));
    }
}
