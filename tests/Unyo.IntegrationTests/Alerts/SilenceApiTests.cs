using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.Features.Alerts;
using Unyo.Features.Alerts.Matching;
using Unyo.Features.Alerts.Silences;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Alerts;

public sealed class SilenceApiTests(Servers servers)
{
    public static SilenceRequest Request(string? name, string? team, string service, string duration = "2h") => new()
    {
        Name = name,
        Team = team,
        Matchers = [new() { Name = "service", Value = service }, new() { Expression = "alertname=~\"High.*\"" }],
        Duration = duration,
        Comment = "Deploying the new checkout",
    };

    public static AlertFacts Facts(string service, string team, string alertname = "HighLatency") =>
        new(service, team, AlertSeverity.Critical, AlertUrgency.High, "test", null, new Dictionary<string, string> { ["alertname"] = alertname });

    [Theory, DatabaseData]
    public async Task CreateListReplaceExpireAndDeleteWithStatesETagsAndAnAuditTrail(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var now = TimeProvider.System.GetUtcNow();

        var created = await admin.PostJsonAsync("api/v1/silences", Request(null, team, service));
        var active = await created.ReadAsync<SilenceResponse>(HttpStatusCode.Created);
        var pending = await (await admin.PostJsonAsync("api/v1/silences", Request(null, team, service) with { StartsAt = now.AddHours(1), Duration = null, EndsAt = now.AddHours(3) }))
            .ReadAsync<SilenceResponse>(HttpStatusCode.Created);
        var activeList = await (await admin.GetAsync($"api/v1/silences?state=active&team={team}")).ReadAsync<Page<SilenceResponse>>(HttpStatusCode.OK);
        var pendingList = await (await admin.GetAsync($"api/v1/silences?state=pending&team={team}")).ReadAsync<Page<SilenceResponse>>(HttpStatusCode.OK);
        var firstPage = await (await admin.GetAsync($"api/v1/silences?team={team}&limit=1")).ReadAsync<Page<SilenceResponse>>(HttpStatusCode.OK);
        var secondPage = await (await admin.GetAsync($"api/v1/silences?team={team}&limit=1&cursor={firstPage.NextCursor}")).ReadAsync<Page<SilenceResponse>>(HttpStatusCode.OK);
        var stale = new HttpRequestMessage(HttpMethod.Put, $"api/v1/silences/{active.Name}") { Content = JsonContent.Create(Request(null, team, service, "4h")) };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"0\""));
        var refused = await admin.SendAsync(stale);
        var replaced = await (await admin.PutAsJsonAsync($"api/v1/silences/{active.Name}", Request(null, team, service, "4h") with { StartsAt = active.StartsAt }))
            .ReadAsync<SilenceResponse>(HttpStatusCode.OK);
        var expired = await (await admin.PostAsync($"api/v1/silences/{active.Name}/expire", null)).ReadAsync<SilenceResponse>(HttpStatusCode.OK);
        var again = await admin.PostAsync($"api/v1/silences/{active.Name}/expire", null);
        var revive = await admin.PutAsJsonAsync($"api/v1/silences/{active.Name}", Request(null, team, service));
        var expiredList = await (await admin.GetAsync($"api/v1/silences?state=expired&team={team}")).ReadAsync<Page<SilenceResponse>>(HttpStatusCode.OK);
        var deleted = await admin.DeleteAsync($"api/v1/silences/{pending.Name}");
        var gone = await admin.GetAsync($"api/v1/silences/{pending.Name}");
        var audit = await (await admin.GetAsync($"api/v1/audit?kind=Silence&name={active.Name}&limit=10")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK);

        Assert.Equal("\"1\"", created.Headers.ETag!.Tag);
        Assert.StartsWith("silence-", active.Name);
        Assert.Equal((team, "active", "api", UnyoApp.AdminEmail), (active.Team, active.State, active.ManagedBy, active.CreatedBy));
        Assert.Equal([$"service=\"{service}\"", "alertname=~\"High.*\""], active.Matchers);
        Assert.Equal(TimeSpan.FromHours(2), active.EndsAt - active.StartsAt);
        Assert.Equal("pending", pending.State);
        Assert.Equal([active.Name], activeList.Items.Select(s => s.Name));
        Assert.Equal([pending.Name], pendingList.Items.Select(s => s.Name));
        Assert.Equal(new[] { active.Name, pending.Name }.Order(StringComparer.Ordinal), firstPage.Items.Concat(secondPage.Items).Select(s => s.Name));
        Assert.Null(secondPage.NextCursor);
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.Equal((TimeSpan.FromHours(4), 2), (replaced.EndsAt - replaced.StartsAt, replaced.Revision));
        Assert.Equal(("expired", 3), (expired.State, expired.Revision));
        Assert.NotNull(expired.ExpiredAt);
        Assert.Equal(UnyoApp.AdminEmail, expired.ExpiredBy);
        await again.ProblemAsync(HttpStatusCode.Conflict);
        await revive.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal([active.Name], expiredList.Items.Select(s => s.Name));
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound), (deleted.StatusCode, gone.StatusCode));
        Assert.Equal(["silence.expire", "silence.update", "silence.create"], audit.Items.Select(r => r.Action));
    }

    [Theory, DatabaseData]
    public async Task BadInputNamesEveryFieldAndWritesNothing(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var now = TimeProvider.System.GetUtcNow();
        var before = app.WithDb(db => db.Silences.Count());

        var fields = await (await admin.PostJsonAsync("api/v1/silences", new SilenceRequest
        {
            Name = "Not A Slug",
            Matchers = [new() { Name = "service", Value = service }, new() { Name = "path", Op = "=~", Value = "(unclosed" }, new() { Expression = "nonsense" }],
            StartsAt = now,
            EndsAt = now.AddDays(400),
        })).ProblemAsync(HttpStatusCode.BadRequest);
        var everything = await (await admin.PostJsonAsync("api/v1/silences", new SilenceRequest
        {
            Matchers = [new() { Expression = "alertname=~\".*\"" }],
            EndsAt = now.AddHours(-1),
            StartsAt = now.AddHours(-2),
            Comment = "Everything",
        })).ProblemAsync(HttpStatusCode.BadRequest);
        var none = await (await admin.PostJsonAsync("api/v1/silences", new SilenceRequest { Matchers = [], Duration = "soon", Comment = "x" })).ProblemAsync(HttpStatusCode.BadRequest);
        var noTeam = await (await admin.PostJsonAsync("api/v1/silences", Request(null, "no-such-team", service))).ProblemAsync(HttpStatusCode.BadRequest);
        var state = await (await admin.GetAsync("api/v1/silences?state=over")).ProblemAsync(HttpStatusCode.BadRequest);
        var malformed = await admin.PostAsync("api/v1/silences", new StringContent("{\"matchers\": [42]}", System.Text.Encoding.UTF8, "application/json"));

        fields.AssertField("name", "lower-case");
        fields.AssertField("matchers[1].value", "not a valid regular expression");
        fields.AssertField("matchers[2]", "is not a matcher");
        fields.AssertField("endsAt", "at most one year");
        fields.AssertField("comment", "is required");
        everything.AssertField("matchers", "would cover (nearly) every alert");
        everything.AssertField("endsAt", "must end in the future");
        none.AssertField("matchers", "at least one matcher");
        none.AssertField("duration", "not a duration");
        noTeam.AssertField("team", "does not exist");
        state.AssertField("state", "active, pending or expired");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(before, app.WithDb(db => db.Silences.Count()));
    }

    [Theory, DatabaseData]
    public async Task MembersSilenceOnlyTheirOwnTeamsServicesAndSaySoInTheMatchers(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var (otherTeam, otherService) = await SloTestKit.CreateServiceAsync(admin);
        var member = app.Client((await app.CreateUserAsync(OrgRole.Member, team)).Token);
        SilenceRequest Only(string matcher, string? owner = null) => new() { Team = owner ?? team, Matchers = [new() { Expression = matcher }], Duration = "1h", Comment = "Deploy" };

        var orgWide = await member.PostJsonAsync("api/v1/silences", Only($"service=\"{service}\"") with { Team = null });
        var otherTeams = await member.PostJsonAsync("api/v1/silences", Only($"service=\"{otherService}\"", otherTeam));
        var unscoped = await member.PostJsonAsync("api/v1/silences", Only("alertname=\"HighLatency\""));
        var foreignService = await member.PostJsonAsync("api/v1/silences", Only($"service=\"{otherService}\""));
        var byService = await (await member.PostJsonAsync("api/v1/silences", Only($"service=\"{service}\""))).ReadAsync<SilenceResponse>(HttpStatusCode.Created);
        var byTeam = await (await member.PostJsonAsync("api/v1/silences", Only($"team=\"{team}\""))).ReadAsync<SilenceResponse>(HttpStatusCode.Created);
        var adminsAcrossTeams = await admin.PostJsonAsync("api/v1/silences", Only($"service=~\"{service}|{otherService}\"") with { Team = null });
        var memberDelete = await member.DeleteAsync($"api/v1/silences/{byService.Name}");
        var memberExpire = await member.PostAsync($"api/v1/silences/{byService.Name}/expire", null);

        Assert.Contains("organisation-wide", (await orgWide.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Forbidden, orgWide.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherTeams.StatusCode);
        (await unscoped.ProblemAsync(HttpStatusCode.BadRequest)).AssertField("matchers", $"add team=\"{team}\"");
        (await foreignService.ProblemAsync(HttpStatusCode.BadRequest)).AssertField("matchers", "must say whose alerts");
        Assert.Equal(team, byTeam.Team);
        Assert.Equal(HttpStatusCode.Created, adminsAcrossTeams.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, memberDelete.StatusCode);
        Assert.Equal(HttpStatusCode.OK, memberExpire.StatusCode);
    }

    [Theory, DatabaseData]
    public async Task TheBookOnThisNodeFindsANewSilenceAtOnceOnlyForItsTeamAndForgetsItWhenExpired(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var book = app.Services.GetRequiredService<SilenceBook>();
        await book.Loaded;

        var silence = await (await admin.PostJsonAsync("api/v1/silences", Request(null, team, service))).ReadAsync<SilenceResponse>(HttpStatusCode.Created);
        var now = TimeProvider.System.GetUtcNow();
        var found = book.Find(Facts(service, team), now);
        var otherAlert = book.Find(Facts(service, team, "ErrorBudgetBurn"), now);
        // The same service name under another team (it moved): a team's silence does not follow it.
        var otherTeam = book.Find(Facts(service, "someone-else"), now);
        var later = book.Find(Facts(service, team), silence.EndsAt);
        (await admin.PostAsync($"api/v1/silences/{silence.Name}/expire", null)).EnsureSuccessStatusCode();
        var afterExpiry = book.Find(Facts(service, team), TimeProvider.System.GetUtcNow());

        Assert.Equal(silence.Name, found);
        Assert.Null(otherAlert);
        Assert.Null(otherTeam);
        Assert.Null(later);
        Assert.Null(afterExpiry);
    }

    [Theory, DatabaseData]
    public async Task ASecondNodeOnTheSameDatabaseSeesANewSilenceWithinAFewSeconds(string provider)
    {
        var first = await servers.GetIsolatedAsync(provider, "silence-node-a");
        var database = first.Services.GetRequiredService<Unyo.Hosting.UnyoSettings>();
        var second = await servers.GetIsolatedAsync(provider, "silence-node-b", provider == Providers.Postgres
            ? new Dictionary<string, string> { ["database"] = database.ConnectionString }
            : new Dictionary<string, string> { ["data"] = database.DataDirectory });
        using var admin = first.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var book = second.Services.GetRequiredService<SilenceBook>();
        await book.Loaded;

        var silence = await (await admin.PostJsonAsync("api/v1/silences", Request(null, team, service))).ReadAsync<SilenceResponse>(HttpStatusCode.Created);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (book.Find(Facts(service, team), TimeProvider.System.GetUtcNow()) is null && watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }
        var seenAfter = watch.Elapsed;

        Assert.Equal(silence.Name, book.Find(Facts(service, team), TimeProvider.System.GetUtcNow()));
        Assert.True(seenAfter < TimeSpan.FromSeconds(3), $"the second node saw the silence after {seenAfter}");
    }
}
