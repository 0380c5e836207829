using System.Net;
using Unyo.Client;
using Unyo.IntegrationTests.Accounts;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Checks;

// The browser tests run on SQLite only; these load the pages that read the most on both databases.
// PostgreSQL refuses a second command on a connection that is busy, which is how a service page
// whose sections shared one DbContext failed there (and only there).
public sealed class PagesOnBothDatabasesTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task TheServicePageWithEverySectionAndTheCheckPagesLoad(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await CheckKit.ServiceAsync(admin);
        var check = Names.Unique("nightly");
        (await admin.PostJsonAsync("api/v1/checks", new CheckRequest { Name = check, Service = service, Type = "heartbeat", Heartbeat = new HeartbeatCheckRequest { Period = "1h" } })).EnsureSuccessStatusCode();
        var sli = Names.Unique("avail");
        (await admin.PostJsonAsync("api/v1/slis", new SliRequest { Name = sli, Service = service, Source = "check", Check = check })).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync("api/v1/slos", new SloRequest { Name = Names.Unique("slo"), Service = service, Sli = sli, Objective = 99.9m, Window = "30d" })).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync("api/v1/maintenance-windows", new MaintenanceWindowRequest
        {
            Name = Names.Unique("patch"), Team = team, Title = "Patch day", Services = [service],
            Schedule = new() { Rrule = "FREQ=WEEKLY;BYDAY=TU;BYHOUR=2", Start = "2026-01-06T00:00", Duration = "2h", TimeZone = "Europe/Berlin" },
        })).EnsureSuccessStatusCode();
        using var browser = new FormClient(app);
        await browser.SignInAsync(UnyoApp.AdminEmail, UnyoApp.AdminPassword);

        foreach (var (url, text) in new[] { ($"/services/{service}", check), ("/checks", check), ($"/checks/{check}", "ping"), ("/maintenance", "Patch day"), ("/slos", sli) })
        {
            var page = await browser.GetAsync(url);
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{url}: {(int)page.StatusCode}");
            Assert.Contains(text, browser.Html);
        }
    }
}
