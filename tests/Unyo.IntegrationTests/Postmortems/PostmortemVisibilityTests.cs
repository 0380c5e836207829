using System.Net;
using System.Net.Http.Json;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.IntegrationTests.Accounts;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Postmortems;

public sealed class PostmortemVisibilityTests(Servers servers)
{
    private static readonly DateTimeOffset Detected = new(2026, 2, 9, 3, 0, 0, TimeSpan.Zero);

    [Theory, DatabaseData]
    public async Task APrivateIncidentsPostmortemIsHiddenFromListsSearchAndReadsOfOutsiders(string provider)
    {
        var app = await servers.GetAsync(provider);
        var (teamId, team, serviceId, service) = await IncidentKit.ServiceAsync(app);
        var secret = Names.Unique("credential-leak");
        var incident = await IncidentKit.IncidentAsync(app, serviceId, Detected, Detected.AddHours(2), title: secret, privateTo: teamId);
        var insider = await app.CreateUserAsync(OrgRole.Member, team);
        var outsider = await app.CreateUserAsync(OrgRole.Member);
        using var insiderClient = app.Client(insider.Token);
        using var outsiderClient = app.Client(outsider.Token);

        var refusedCreate = await outsiderClient.PostAsync($"api/v1/incidents/{incident}/postmortem", null);
        var created = await (await insiderClient.PostAsync($"api/v1/incidents/{incident}/postmortem", null)).ReadAsync<PostmortemResponse>(HttpStatusCode.Created);
        var url = $"api/v1/postmortems/{created.Id}";
        var insiderSearch = await (await insiderClient.GetAsync($"api/v1/postmortems?q={secret}")).ReadAsync<Page<PostmortemSummaryResponse>>(HttpStatusCode.OK);
        var outsiderSearch = await (await outsiderClient.GetAsync($"api/v1/postmortems?q={secret}")).ReadAsync<Page<PostmortemSummaryResponse>>(HttpStatusCode.OK);
        var outsiderList = await (await outsiderClient.GetAsync("api/v1/postmortems?limit=500")).ReadAsync<Page<PostmortemSummaryResponse>>(HttpStatusCode.OK);
        var outsiderGet = await outsiderClient.GetAsync(url);
        var outsiderExport = await outsiderClient.GetAsync($"{url}/export.md");
        var outsiderComment = await outsiderClient.PostAsJsonAsync($"{url}/comments", new PostmortemCommentRequest { Text = "peek" });
        var outsiderItem = await outsiderClient.PostAsJsonAsync($"{url}/action-items", new ActionItemRequest { Title = "peek" });
        var adminSearch = await (await app.Admin().GetAsync($"api/v1/postmortems?q={secret.ToUpperInvariant()}")).ReadAsync<Page<PostmortemSummaryResponse>>(HttpStatusCode.OK);
        var badState = await (await app.Admin().GetAsync("api/v1/postmortems?state=finished")).ProblemAsync(HttpStatusCode.BadRequest);
        var overdue = Names.Unique("Rotate the leaked credential");
        (await insiderClient.PostAsJsonAsync($"{url}/action-items", new ActionItemRequest { Title = overdue, Due = "2026-02-10" })).EnsureSuccessStatusCode();
        var stranger = await app.CreatePersonAsync(OrgRole.Member);
        using var strangerBrowser = new FormClient(app);
        await strangerBrowser.SignInAsync(stranger.Email, stranger.Password);
        await strangerBrowser.GetAsync($"services/{service}");
        var strangerServicePage = strangerBrowser.Html;
        await strangerBrowser.GetAsync($"postmortems?q={secret}");
        var strangerList = strangerBrowser.Html;
        using var adminBrowser = new FormClient(app);
        await adminBrowser.SignInAsync(UnyoApp.AdminEmail, UnyoApp.AdminPassword);
        await adminBrowser.GetAsync($"services/{service}");

        Assert.Equal(HttpStatusCode.NotFound, refusedCreate.StatusCode);
        Assert.Equal(created.Id, Assert.Single(insiderSearch.Items).Id);
        Assert.Empty(outsiderSearch.Items);
        Assert.DoesNotContain(outsiderList.Items, p => p.Id == created.Id);
        Assert.Equal(HttpStatusCode.NotFound, outsiderGet.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outsiderExport.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outsiderComment.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outsiderItem.StatusCode);
        Assert.Equal(created.Id, Assert.Single(adminSearch.Items).Id);
        badState.AssertField("state", "'finished' is not a state");
        Assert.Contains("No overdue action items", strangerServicePage, StringComparison.Ordinal);
        Assert.DoesNotContain(overdue, strangerServicePage, StringComparison.Ordinal);
        Assert.Contains("No postmortem matches.", strangerList, StringComparison.Ordinal);
        Assert.Contains(overdue, adminBrowser.Html, StringComparison.Ordinal);
    }

    [Theory, DatabaseData]
    public async Task ScriptsAndHtmlInAPostmortemAreRenderedInertOnItsPageAndExportedAsText(string provider)
    {
        var app = await servers.GetAsync(provider);
        var (_, _, serviceId, _) = await IncidentKit.ServiceAsync(app);
        var incident = await IncidentKit.IncidentAsync(app, serviceId, Detected, Detected.AddHours(1), title: "<img src=x onerror=alert(1)>");
        using var client = app.Admin();
        var created = await (await client.PostAsync($"api/v1/incidents/{incident}/postmortem", null)).ReadAsync<PostmortemResponse>(HttpStatusCode.Created);
        var url = $"api/v1/postmortems/{created.Id}";
        (await client.PutAsJsonAsync(url, new UpdatePostmortemRequest
        {
            Record = "<script>alert('record')</script> and [click](javascript:alert(2)) and **bold**",
            ContributingFactors = ["<script>alert('factor')</script>"],
            ImpactUsers = "<iframe src=//evil.example>",
        })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync($"{url}/comments", new PostmortemCommentRequest { Text = "<script>alert('comment')</script>" })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync($"{url}/action-items", new ActionItemRequest { Title = "<script>alert('item')</script>" })).EnsureSuccessStatusCode();
        using var browser = new FormClient(app);
        await browser.SignInAsync(UnyoApp.AdminEmail, UnyoApp.AdminPassword);

        var page = await browser.GetAsync($"postmortems/{created.Id}");
        var html = browser.Html;
        var editor = await browser.GetAsync($"postmortems/{created.Id}/edit");
        var export = await client.GetAsync($"{url}/export.md");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<iframe", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(", html, StringComparison.Ordinal);
        Assert.Contains("<strong>bold</strong>", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, editor.StatusCode);
        Assert.DoesNotContain("<script>alert", browser.Html, StringComparison.Ordinal);
        Assert.Equal("text/markdown", export.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<script>alert('record')</script>", await export.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
