using System.Net;
using Unyo.Client;
using Unyo.IntegrationTests.Infrastructure;
using static Unyo.IntegrationTests.ConfigAsCode.YamlKit;

namespace Unyo.IntegrationTests.Notifications;

public sealed class ChannelConfigAsCodeTests(Servers servers)
{
    private const string Subject = "PAGE {{service}}: {{summary}}";

    private static string HookYaml(string name, string team, string secrets = "    url: https://hooks.example.test/T1/secret-path\n    signingSecret: yaml-signing-secret-0001") => $"""
        apiVersion: unyo.dev/v1
        kind: NotificationChannel
        metadata:
          name: {name}
          team: {team}
        spec:
          type: webhook
          settings:
            headers:
              X-Tenant: acme
          secrets:
        {secrets}
          templates:
            triggered:
              subject: "{Subject}"
        """;

    private static string MailYaml(string name, string team, string to = "oncall@example.test") => $"""
        apiVersion: unyo.dev/v1
        kind: NotificationChannel
        metadata:
          name: {name}
          team: {team}
        spec:
          type: email
          settings:
            to: [{to}]
        """;

    private static ApplyRequest Files(bool dryRun, bool prune, params string[] documents) =>
        new() { Files = [new ApplyFile("channels.yaml", string.Join("\n---\n", documents))], DryRun = dryRun, Prune = prune };

    private static void AssertAt(Dictionary<string, string[]> errors, int document, string path, string text)
    {
        var key = errors.Keys.FirstOrDefault(k => k.Contains($"(document {document},", StringComparison.Ordinal) && k.EndsWith($"): {path}", StringComparison.Ordinal));
        Assert.True(key is not null, $"no error for document {document} {path}; errors: {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
        errors.AssertField(key!, text);
    }

    [Theory, DatabaseData]
    public async Task ApplyKeepsSecretsWriteOnlyAndTheExportAppliesBackUnchangedThenPruneDeletes(string provider)
    {
        var app = await servers.GetIsolatedAsync(provider, "channels-yaml");
        using var admin = app.Admin();
        var (team, hook, mail) = (Names.Unique("team"), Names.Unique("hook"), Names.Unique("mail"));

        var applied = await ApplyAsync(admin, Files(false, false, TeamYaml(team), HookYaml(hook, team), MailYaml(mail, team)));
        var again = await ApplyAsync(admin, Files(false, false, TeamYaml(team), HookYaml(hook, team), MailYaml(mail, team)));
        var stored = await (await admin.GetAsync($"api/v1/notification-channels/{hook}")).ReadAsync<NotificationChannelResponse>(HttpStatusCode.OK);
        var export = await (await admin.GetAsync("api/v1/export")).Content.ReadAsStringAsync();
        var replan = await ApplyAsync(admin, new ApplyRequest { Files = [new ApplyFile("export.yaml", export)], DryRun = true, Prune = true });
        var rotated = await ApplyAsync(admin, Files(true, false, HookYaml(hook, team, "    url: https://hooks.example.test/T1/rotated-path")));
        var pruned = await ApplyAsync(admin, Files(false, true, TeamYaml(team), MailYaml(mail, team, "lead@example.test")));
        var audit = await (await admin.GetAsync($"api/v1/audit?kind=NotificationChannel&name={hook}&limit=10")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK);

        Assert.Equal([$"create Team {team}", .. new[] { hook, mail }.Order(StringComparer.Ordinal).Select(c => $"create NotificationChannel {c}")],
            applied.Changes.Select(c => $"{c.Action} {c.Kind} {c.Name}"));
        Assert.All(again.Changes, c => Assert.Equal("unchanged", c.Action));
        Assert.Equal(("webhook", "paging", "apply"), (stored.Type, stored.Use, stored.ManagedBy));
        Assert.Equal(["signingSecret", "url"], stored.SecretsSet);
        Assert.Equal("PAGE {{service}}: {{summary}}", stored.Templates["triggered"].Subject);
        Assert.Contains("kind: NotificationChannel", export);
        Assert.DoesNotContain("secret-path", export);
        Assert.DoesNotContain("yaml-signing-secret", export);
        Assert.All(replan.Changes, c => Assert.Equal("unchanged", c.Action));
        Assert.Contains(replan.Changes, c => c.Kind == "NotificationChannel" && c.Name == hook);
        var change = rotated.Changes.Single(c => c.Name == hook);
        Assert.Equal("update", change.Action);
        Assert.Equal([new FieldChange("spec.secrets.url", null, "(changed)")], change.Fields);
        Assert.Equal([$"delete NotificationChannel {hook}", $"update NotificationChannel {mail}"],
            pruned.Changes.Where(c => c.Action != "unchanged").Select(c => $"{c.Action} {c.Kind} {c.Name}").Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"api/v1/notification-channels/{hook}")).StatusCode);
        Assert.All(audit.Items, r => Assert.DoesNotContain("secret-path", $"{r.Before}{r.After}"));
        Assert.Contains(audit.Items, r => r.Action == "notificationchannel.create" && r.Source == "apply");
    }

    [Theory, DatabaseData]
    public async Task BrokenChannelsNameTheirFieldAndNothingIsApplied(string provider)
    {
        var app = await servers.GetIsolatedAsync(provider, "channels-yaml-errors");
        using var admin = app.Admin();
        var team = Names.Unique("team");
        await ApplyAsync(admin, Files(false, false, TeamYaml(team)));
        var (unsigned, bare, loop, bad) = (Names.Unique("unsigned"), Names.Unique("bare"), Names.Unique("loop"), Names.Unique("bad"));

        var fields = await (await admin.PostJsonAsync("api/v1/apply", Files(false, false,
            MailYaml(bad, team, "not-an-address").Replace("type: email", "type: email\n  use: always", StringComparison.Ordinal),
            HookYaml(Names.Unique("tpl"), team).Replace("{{summary}}", "{{summery}}", StringComparison.Ordinal)))).ProblemAsync(HttpStatusCode.BadRequest);
        var state = await (await admin.PostJsonAsync("api/v1/apply", Files(false, false,
            HookYaml(unsigned, team, "    url: https://hooks.example.test/x"),
            $"apiVersion: unyo.dev/v1\nkind: NotificationChannel\nmetadata:\n  name: {bare}\n  team: {team}\nspec:\n  type: slack\n",
            HookYaml(loop, team, "    url: http://127.0.0.1:9/hook\n    signingSecret: yaml-signing-secret-0001"),
            MailYaml(Names.Unique("orphan"), "no-such-team")))).ProblemAsync(HttpStatusCode.BadRequest);

        AssertAt(fields, 1, "spec.use", "paging or chat");
        AssertAt(fields, 1, "spec.settings.to[0]", "email address");
        AssertAt(fields, 2, "spec.templates.triggered.subject", "{{summery}}");
        AssertAt(state, 1, "spec.secrets.signingSecret", "is required in YAML");
        AssertAt(state, 2, "spec.secrets.url", "is required");
        AssertAt(state, 3, "spec.secrets.url", "loopback");
        AssertAt(state, 4, "metadata.team", "team 'no-such-team' does not exist");
        Assert.False(app.WithDb(db => db.NotificationChannels.Any()));
    }
}
