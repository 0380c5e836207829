using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Client;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.StatusPages;

public sealed class PublicStatusTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task ComponentsFollowChecksPublicIncidentsAndMaintenanceButNeverPrivateIncidents(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, s) = await StatusPageKit.ServicesAsync(admin, 6);
        await StatusPageKit.HeartbeatAsync(app, admin, s[0], up: false);
        await StatusPageKit.HeartbeatAsync(app, admin, s[1], up: true);
        await StatusPageKit.HeartbeatAsync(app, admin, s[1], up: false);
        await StatusPageKit.IncidentAsync(app, "Payments failing", 2, [s[2]]);
        await StatusPageKit.IncidentAsync(app, "Secret breach", 1, [s[3]], isPrivate: true);
        await StatusPageKit.IncidentAsync(app, "Old trouble", 1, [s[5]], status: Unyo.Features.Incidents.IncidentStatus.Resolved);
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        (await admin.PostJsonAsync("api/v1/maintenance-windows", new MaintenanceWindowRequest
        {
            Name = Names.Unique("patch"), Team = team, Title = "Database upgrade", Services = [s[4]],
            Schedule = new() { Start = Instant(now.AddMinutes(-5)), End = Instant(now.AddHours(1)) },
        })).EnsureSuccessStatusCode();
        var page = await StatusPageKit.PageAsync(admin, team, [.. s.Select((service, i) => new StatusComponentRequest { Service = service, DisplayName = $"Part {i}", Group = i < 3 ? "Core" : null })]);
        using var outsider = app.Client();

        var summary = JsonDocument.Parse(await (await outsider.GetAsync($"status/{page.Name}/api/summary.json")).Content.ReadAsStringAsync()).RootElement;
        var html = await outsider.GetStringAsync($"status/{page.Name}");

        var statuses = summary.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("status").GetString()).ToList();
        Assert.Equal(["major_outage", "partial_outage", "partial_outage", "operational", "under_maintenance", "operational"], statuses);
        Assert.Equal(("major_outage", "Major outage"), (summary.GetProperty("status").GetProperty("indicator").GetString(), summary.GetProperty("status").GetProperty("description").GetString()));
        Assert.Equal((page.Name, "Acme status"), (summary.GetProperty("page").GetProperty("name").GetString(), summary.GetProperty("page").GetProperty("title").GetString()));
        var first = summary.GetProperty("components")[0];
        Assert.Equal(("Part 0", "Core"), (first.GetProperty("name").GetString(), first.GetProperty("group").GetString()));
        Assert.Equal(JsonValueKind.Number, first.GetProperty("uptime90d").ValueKind);
        Assert.Equal(JsonValueKind.Array, summary.GetProperty("incidents").ValueKind);
        var maintenance = Assert.Single(summary.GetProperty("scheduledMaintenances").EnumerateArray());
        Assert.Equal(("Database upgrade", true), (maintenance.GetProperty("title").GetString(), maintenance.GetProperty("active").GetBoolean()));
        Assert.Contains("Major outage", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Equal(6 * 90, html.Split("<rect ").Length - 1);
        Assert.DoesNotContain("Secret breach", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory, DatabaseData]
    public async Task OnlyPublishedTextReachesThePublicInertAndWithoutNamesNotesOrPrivateIncidents(string provider)
    {
        var app = await servers.GetAsync(provider);
        var publisher = await app.CreateUserAsync(Unyo.Features.Accounts.OrgRole.Admin);
        using var admin = app.Client(publisher.Token);
        var (team, s) = await StatusPageKit.ServicesAsync(admin, 2);
        var page = await StatusPageKit.PageAsync(admin, team, new StatusComponentRequest { Service = s[0] }, new StatusComponentRequest { Service = s[1] });
        var incident = await StatusPageKit.IncidentAsync(app, "Checkout <img src=x onerror=alert(1)>", 3, [s[0]], summary: "INTERNAL-SUMMARY root cause is Bob", note: "INTERNAL-NOTE paging alice");
        var secret = await StatusPageKit.IncidentAsync(app, "Security incident", 1, [s[1]], isPrivate: true);
        using var outsider = app.Client();
        var before = await outsider.GetStringAsync($"status/{page.Name}");

        var published = await StatusPageKit.PublishAsync(admin, incident, "identified", "Fixed <script>alert('x')</script> & rolling out", page.Name);
        var refused = await (await StatusPageKit.PublishAsync(admin, secret, "investigating", "should never show", page.Name)).ProblemAsync(HttpStatusCode.BadRequest);
        var invalid = await (await admin.PostJsonAsync($"api/v1/incidents/{incident}/status-updates", new StatusUpdateRequest { Pages = ["no-such-page"], Status = "fixed", Message = "" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        var html = await outsider.GetStringAsync($"status/{page.Name}");
        var json = await outsider.GetStringAsync($"status/{page.Name}/api/summary.json");
        var atom = await outsider.GetStringAsync($"status/{page.Name}/feed.atom");
        var listed = await (await admin.GetAsync($"api/v1/incidents/{incident}/status-updates")).ReadAsync<List<StatusUpdateResponse>>(HttpStatusCode.OK);
        var timeline = app.WithDb(db => db.IncidentTimeline.Where(e => e.IncidentId == incident && e.Kind == Unyo.Features.Incidents.IncidentTimelineKind.StatusPage).Select(e => e.Actor).ToList());
        var audit = await (await admin.GetAsync($"api/v1/audit?action=statuspage.publish&name={incident}")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        // The page was cached before; publishing shows the update at once.
        Assert.DoesNotContain("rolling out", before, StringComparison.Ordinal);
        Assert.Contains("rolling out", html, StringComparison.Ordinal);
        refused.AssertField("incident", "private");
        invalid.AssertField("status", "not one of");
        invalid.AssertField("message", "is required");
        foreach (var text in new[] { html, json, atom })
        {
            foreach (var hidden in new[] { "INTERNAL-SUMMARY", "INTERNAL-NOTE", "Security incident", "should never show", "declarer@example.test", "scribe@example.test", publisher.Email })
            {
                Assert.DoesNotContain(hidden, text, StringComparison.OrdinalIgnoreCase);
            }
            Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", text, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains("Fixed &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; rolling out", html, StringComparison.Ordinal);
        Assert.Contains("Checkout &lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        var incidentJson = Assert.Single(JsonDocument.Parse(json).RootElement.GetProperty("incidents").EnumerateArray());
        Assert.Equal(("identified", "degraded"), (incidentJson.GetProperty("status").GetString(), incidentJson.GetProperty("impact").GetString()));
        Assert.Equal("Fixed <script>alert('x')</script> & rolling out", incidentJson.GetProperty("updates")[0].GetProperty("message").GetString());

        var feed = XDocument.Parse(atom);
        XNamespace ns = "http://www.w3.org/2005/Atom";
        Assert.Equal(ns + "feed", feed.Root!.Name);
        foreach (var required in new[] { "id", "title", "updated" })
        {
            Assert.NotNull(feed.Root.Element(ns + required));
        }
        var entry = Assert.Single(feed.Root.Elements(ns + "entry"));
        Assert.All(new[] { "id", "title", "updated" }, e => Assert.False(string.IsNullOrEmpty(entry.Element(ns + e)?.Value)));
        Assert.Equal("text", entry.Element(ns + "content")!.Attribute("type")!.Value);
        Assert.Equal("Fixed <script>alert('x')</script> & rolling out", entry.Element(ns + "content")!.Value);
        Assert.Equal("Identified: Checkout <img src=x onerror=alert(1)>", entry.Element(ns + "title")!.Value);

        Assert.Equal((page.Name, publisher.Email), (Assert.Single(listed).Page, listed[0].By));
        Assert.Equal(publisher.Email, Assert.Single(timeline));
        Assert.Single(audit.Items);
    }

    [Theory, DatabaseData]
    public async Task AnUnknownPageIsNotFoundAndARepeatWithTheETagIsNotModified(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, s) = await StatusPageKit.ServicesAsync(admin, 1);
        var page = await StatusPageKit.PageAsync(admin, team, new StatusComponentRequest { Service = s[0] });
        using var outsider = app.Client();

        var first = await outsider.GetAsync($"status/{page.Name}");
        var again = await outsider.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"status/{page.Name}") { Headers = { { "If-None-Match", first.Headers.ETag!.ToString() } } });
        var zipped = await outsider.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"status/{page.Name}") { Headers = { { "Accept-Encoding", "gzip, br" } } });
        await using var unzipped = new System.IO.Compression.GZipStream(await zipped.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
        var zippedHtml = await new StreamReader(unzipped).ReadToEndAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/html", first.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal("gzip", Assert.Single(zipped.Content.Headers.ContentEncoding));
        Assert.Equal(await first.Content.ReadAsStringAsync(), zippedHtml);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync("status/no-such-page")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync("status/no-such-page/feed.atom")).StatusCode);
    }

    private static string Instant(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
