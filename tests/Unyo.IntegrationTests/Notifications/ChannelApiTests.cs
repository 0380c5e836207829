using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Notifications;

public sealed class ChannelApiTests(Servers servers)
{
    private const string HookUrl = "https://hooks.example.test/services/T000/B000/very-secret-path";

    [Theory, DatabaseData]
    public async Task CreateReadReplaceWithETagAndDeleteNeverShowSecretsAndLeaveAnAuditTrail(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var team = await ChannelKit.TeamAsync(admin);
        var name = Names.Unique("hook");

        var created = await admin.PostJsonAsync("api/v1/notification-channels", ChannelKit.Webhook(name, team, HookUrl));
        var createdText = await created.Content.ReadAsStringAsync();
        var body = await created.ReadAsync<NotificationChannelResponse>(HttpStatusCode.Created);
        var read = await admin.GetAsync($"api/v1/notification-channels/{name}");
        var readText = await read.Content.ReadAsStringAsync();
        var listed = await (await admin.GetAsync($"api/v1/notification-channels?team={team}")).ReadAsync<Page<NotificationChannelResponse>>(HttpStatusCode.OK);
        var stale = new HttpRequestMessage(HttpMethod.Put, $"api/v1/notification-channels/{name}") { Content = JsonContent.Create(ChannelKit.Webhook(name, team, HookUrl) with { Secrets = null }) };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"0\""));
        var refused = await admin.SendAsync(stale);
        // No secrets in the replace: the stored URL and signing secret stay.
        var fresh = new HttpRequestMessage(HttpMethod.Put, $"api/v1/notification-channels/{name}")
        {
            Content = JsonContent.Create(ChannelKit.Webhook(name, team, HookUrl) with { Secrets = null, Use = "chat", Templates = new() { ["triggered"] = new() { Subject = "Page: {{summary}}" } } }),
        };
        fresh.Headers.IfMatch.Add(created.Headers.ETag!);
        var replaced = await (await admin.SendAsync(fresh)).ReadAsync<NotificationChannelResponse>(HttpStatusCode.OK);
        var stored = app.WithDb(db => db.NotificationChannels.Single(c => c.Name == name).SealedSecrets);
        var deleted = await admin.DeleteAsync($"api/v1/notification-channels/{name}");
        var gone = await admin.GetAsync($"api/v1/notification-channels/{name}");
        var audit = await (await admin.GetAsync($"api/v1/audit?kind=NotificationChannel&name={name}&limit=10")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK);

        Assert.Equal("\"1\"", created.Headers.ETag!.Tag);
        Assert.Equal((team, "webhook", "paging", true, "api"), (body.Team, body.Type, body.Use, body.Enabled, body.ManagedBy));
        Assert.Equal(["signingSecret", "url"], body.SecretsSet);
        Assert.StartsWith("whsec_", body.SigningSecret);
        Assert.Equal("acme", (string?)body.Settings["headers"]?["X-Tenant"]);
        Assert.DoesNotContain("very-secret-path", createdText);
        Assert.DoesNotContain("very-secret-path", readText);
        Assert.DoesNotContain(body.SigningSecret!, readText);
        Assert.DoesNotContain("signingSecret\":\"", readText);
        Assert.Equal([name], listed.Items.Select(c => c.Name));
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.Equal(("chat", 2), (replaced.Use, replaced.Revision));
        Assert.Equal(["signingSecret", "url"], replaced.SecretsSet);
        Assert.Equal("Page: {{summary}}", replaced.Templates["triggered"].Subject);
        Assert.Null(replaced.SigningSecret);
        Assert.DoesNotContain("very-secret-path", stored!);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(["notificationchannel.delete", "notificationchannel.update", "notificationchannel.create"], audit.Items.Select(r => r.Action));
        Assert.All(audit.Items, r => Assert.DoesNotContain("very-secret-path", $"{r.Before}{r.After}"));
        Assert.All(audit.Items, r => Assert.DoesNotContain(body.SigningSecret!, $"{r.Before}{r.After}"));
        Assert.Contains("(changed)", audit.Items[^1].After);
    }

    [Theory, DatabaseData]
    public async Task BadInputNamesEveryFieldAndWritesNothing(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var team = await ChannelKit.TeamAsync(admin);
        var name = Names.Unique("bad");

        var shape = await (await admin.PostJsonAsync("api/v1/notification-channels", new NotificationChannelRequest
        {
            Name = name, Team = "Not A Slug", Type = "email", Use = "sometimes",
            Settings = new JsonObject { ["to"] = new JsonArray("oncall@example.test", "not an address", "oncall@example.test"), ["url"] = "https://x.example" },
            Secrets = new() { ["password"] = "x" },
            Templates = new() { ["triggered"] = new() { Text = "{{summary}} {{secretSauce}}" }, ["lunch"] = new() { Text = "x" } },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        var kinds = await (await admin.PostJsonAsync("api/v1/notification-channels", new NotificationChannelRequest
        {
            Name = name, Team = team, Type = "sms", Settings = new JsonObject { ["accountSid"] = "AC123", ["from"] = "0800 123", ["to"] = new JsonArray("+4915100000000", "12"), ["baseUrl"] = "ftp://sms.example" },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        var secrets = await (await admin.PostJsonAsync("api/v1/notification-channels", new NotificationChannelRequest
        {
            Name = name, Team = team, Type = "slack", Settings = new JsonObject { ["url"] = HookUrl }, Secrets = new() { ["url"] = "file:///etc/passwd" },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        var state = await (await admin.PostJsonAsync("api/v1/notification-channels", new NotificationChannelRequest { Name = name, Team = "no-such-team", Type = "discord" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        var guarded = await (await admin.PostJsonAsync("api/v1/notification-channels", ChannelKit.Webhook(name, team, "http://169.254.169.254/latest/meta-data")))
            .ProblemAsync(HttpStatusCode.BadRequest);
        var type = await (await admin.PostJsonAsync("api/v1/notification-channels", new NotificationChannelRequest { Name = name, Team = team, Type = "pigeon" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        var missing = await admin.GetAsync($"api/v1/notification-channels/{name}");

        shape.AssertField("team", "lower-case");
        shape.AssertField("use", "paging or chat");
        shape.AssertField("settings.to[1]", "email address");
        shape.AssertField("settings.to[2]", "listed twice");
        shape.AssertField("settings.url", "not a setting of type email");
        shape.AssertField("secrets.password", "has none");
        shape.AssertField("templates.triggered.text", "{{secretSauce}}");
        shape.AssertField("templates.lunch", "not an event");
        kinds.AssertField("settings.from", "E.164");
        kinds.AssertField("settings.to[1]", "E.164");
        kinds.AssertField("settings.baseUrl", "http://");
        secrets.AssertField("settings.url", "write-only: give it under secrets");
        secrets.AssertField("secrets.url", "http://");
        state.AssertField("team", "does not exist");
        state.AssertField("secrets.url", "is required");
        guarded.AssertField("secrets.url", "metadata");
        type.AssertField("type", "pigeon");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory, DatabaseData]
    public async Task RemovingTheSigningSecretGeneratesANewOneShownOnceAndATeamWithChannelsCannotGo(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var team = await ChannelKit.TeamAsync(admin);
        var name = Names.Unique("rotate");
        var created = await (await admin.PostJsonAsync("api/v1/notification-channels", ChannelKit.Webhook(name, team, HookUrl, "an-old-signing-secret")))
            .ReadAsync<NotificationChannelResponse>(HttpStatusCode.Created);

        var rotated = await (await admin.PutAsJsonAsync($"api/v1/notification-channels/{name}", ChannelKit.Webhook(name, team, HookUrl) with { Secrets = new() { ["signingSecret"] = "" } }))
            .ReadAsync<NotificationChannelResponse>(HttpStatusCode.OK);
        var read = await (await admin.GetAsync($"api/v1/notification-channels/{name}")).ReadAsync<NotificationChannelResponse>(HttpStatusCode.OK);
        var urlRemoved = await (await admin.PutAsJsonAsync($"api/v1/notification-channels/{name}", ChannelKit.Webhook(name, team, HookUrl) with { Secrets = new() { ["url"] = "" } }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        var teamDelete = await admin.DeleteAsync($"api/v1/teams/{team}");

        Assert.Null(created.SigningSecret);
        Assert.StartsWith("whsec_", rotated.SigningSecret);
        Assert.Null(read.SigningSecret);
        Assert.Equal(["signingSecret", "url"], read.SecretsSet);
        urlRemoved.AssertField("secrets.url", "cannot be removed");
        Assert.Equal(HttpStatusCode.Conflict, teamDelete.StatusCode);
        Assert.Contains($"NotificationChannel {name}", await teamDelete.Content.ReadAsStringAsync());
    }

    [Theory, DatabaseData]
    public async Task TheDispatcherLoadsAChannelWithItsSecretsOpenedAndNothingForAnUnknownId(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var team = await ChannelKit.TeamAsync(admin);
        var name = Names.Unique("loaded");
        await (await admin.PostJsonAsync("api/v1/notification-channels", ChannelKit.Webhook(name, team, HookUrl, "a-loaded-signing-secret") with
        {
            Templates = new() { ["resolved"] = new() { Text = "fixed: {{summary}}" } },
        })).ReadAsync<NotificationChannelResponse>(HttpStatusCode.Created);
        var id = app.WithDb(db => db.NotificationChannels.Single(c => c.Name == name).Id);

        using var scope = app.Services.CreateScope();
        var targets = scope.ServiceProvider.GetRequiredService<Unyo.Features.Notifications.Channels.ChannelTargets>();
        var target = await targets.LoadAsync(id, CancellationToken.None);
        var missing = await targets.LoadAsync(Guid.NewGuid(), CancellationToken.None);

        Assert.NotNull(target);
        Assert.Equal((name, Unyo.Features.Notifications.ChannelKind.Webhook), (target.Name, target.Kind));
        Assert.Equal(HookUrl, target.Secrets["url"]);
        Assert.Equal("a-loaded-signing-secret", target.Secrets["signingSecret"]);
        Assert.Equal("acme", (string?)target.Settings["headers"]?["X-Tenant"]);
        Assert.Equal("fixed: {{summary}}", (string?)target.Templates?["resolved"]?["text"]);
        Assert.Null(missing);
    }

    [Theory, DatabaseData]
    public async Task MembersChangeOnlyTheirTeamsChannelsAndViewersOnlyRead(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (mine, theirs) = (await ChannelKit.TeamAsync(admin), await ChannelKit.TeamAsync(admin));
        var member = await app.CreateUserAsync(OrgRole.Member, mine);
        var viewer = await app.CreateUserAsync(OrgRole.Viewer);
        using var memberClient = app.Client(member.Token);
        using var viewerClient = app.Client(viewer.Token);
        var (own, other) = (Names.Unique("own"), Names.Unique("other"));

        var created = await memberClient.PostJsonAsync("api/v1/notification-channels", ChannelKit.Email(own, mine, "a@example.test"));
        var forbidden = await (await memberClient.PostJsonAsync("api/v1/notification-channels", ChannelKit.Email(other, theirs, "a@example.test"))).ProblemAsync(HttpStatusCode.Forbidden);
        var moved = await (await memberClient.PutAsJsonAsync($"api/v1/notification-channels/{own}", ChannelKit.Email(own, theirs, "a@example.test"))).ProblemAsync(HttpStatusCode.Forbidden);
        var read = await viewerClient.GetAsync($"api/v1/notification-channels/{own}");
        var viewerWrite = await viewerClient.DeleteAsync($"api/v1/notification-channels/{own}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Empty(forbidden);
        Assert.Empty(moved);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewerWrite.StatusCode);
    }
}
