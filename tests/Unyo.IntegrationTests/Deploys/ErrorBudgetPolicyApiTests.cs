using System.Net;
using System.Net.Http.Json;
using System.Text;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Deploys;

public sealed class ErrorBudgetPolicyApiTests(Servers servers)
{
    private static ErrorBudgetPolicyRequest Strict(string name, params string[] services) => new()
    {
        Name = name,
        Description = "Payments ship only with most of their budget left.",
        Services = services,
        Steps = [new() { RemainingAtOrBelow = 50, Decision = "warn" }, new() { RemainingAtOrBelow = 10.5m, Decision = "freeze" }],
    };

    [Theory, DatabaseData]
    public async Task CreateGetReplaceAndDeleteWithETagsAndTheTypedClient(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var (otherTeam, other) = await SloTestKit.CreateServiceAsync(admin);
        var name = Names.Unique("policy");
        var client = new UnyoClient(admin);

        var created = await admin.PostJsonAsync("api/v1/error-budget-policies", Strict(name, service, other));
        var body = await created.ReadAsync<ErrorBudgetPolicyResponse>(HttpStatusCode.Created);
        var fetched = await admin.GetAsync($"api/v1/error-budget-policies/{name}");
        var typed = await client.GetErrorBudgetPolicyAsync(name);
        var effective = await client.GetEffectiveErrorBudgetPolicyAsync(other);
        var replaced = await client.ReplaceErrorBudgetPolicyAsync(name, Strict(name, service) with { FreezeWhilePaging = false, ExemptLabels = ["hotfix"] }, typed.Revision);
        var stale = await Assert.ThrowsAsync<UnyoApiException>(() => client.ReplaceErrorBudgetPolicyAsync(name, Strict(name, other), typed.Revision));
        var released = await client.GetEffectiveErrorBudgetPolicyAsync(other);
        var staleDelete = await Assert.ThrowsAsync<UnyoApiException>(() => client.DeleteErrorBudgetPolicyAsync(name, typed.Revision));
        await client.DeleteErrorBudgetPolicyAsync(name, replaced.Revision);
        var gone = await admin.GetAsync($"api/v1/error-budget-policies/{name}");

        Assert.Equal($"/api/v1/error-budget-policies/{name}", created.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        Assert.Equal("\"1\"", fetched.Headers.ETag?.Tag);
        HttpAssertions.SameJson(body, await fetched.ReadAsync<ErrorBudgetPolicyResponse>(HttpStatusCode.OK));
        HttpAssertions.SameJson(body, typed);
        Assert.Equal([.. new[] { service, other }.Order(StringComparer.Ordinal)], body.Services);
        Assert.Equal([.. new[] { team, otherTeam }.Order(StringComparer.Ordinal)], body.Teams);
        Assert.Equal((false, true, "api", 1), (body.Default, body.FreezeWhilePaging, body.ManagedBy, body.Revision));
        Assert.Equal([(50m, "warn"), (10.5m, "freeze")], body.Steps.Select(s => (s.RemainingAtOrBelow!.Value, s.Decision!)));
        Assert.Equal(["rollback", "security-fix"], body.ExemptLabels);
        Assert.Equal("warn at ≤ 50% left; freeze at ≤ 10.5% left; freeze while a page burn alert fires; exempt: rollback, security-fix", body.Summary);
        Assert.Equal(("service", name, "Payments ship only with most of their budget left."), (effective.Source, effective.Policy, effective.Description));
        Assert.Equal([service], replaced.Services);
        Assert.Equal(["hotfix"], replaced.ExemptLabels);
        Assert.Equal((2, false), (replaced.Revision, replaced.FreezeWhilePaging));
        Assert.Equal(412, stale.Status);
        Assert.Equal("built-in", released.Source);
        Assert.Equal(412, staleDelete.Status);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        var actions = app.WithDb(db => db.AuditRecords.Where(r => r.ObjectName == name).OrderBy(r => r.Id).Select(r => new { r.Action, r.ObjectKind }).ToList());
        Assert.Equal(["errorbudgetpolicy.create", "errorbudgetpolicy.update", "errorbudgetpolicy.delete"], actions.Select(a => a.Action));
        Assert.All(actions, a => Assert.Equal("ErrorBudgetPolicy", a.ObjectKind));
    }

    [Theory, DatabaseData]
    public async Task EveryBadFieldIsNamedAndNothingIsWritten(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var name = Names.Unique("bad");

        var fields = await (await admin.PostJsonAsync("api/v1/error-budget-policies", new ErrorBudgetPolicyRequest
        {
            Name = "Not A Slug",
            Description = new string('x', 2001),
            Services = [service, "X", service],
            Steps =
            [
                new() { RemainingAtOrBelow = 150, Decision = "warn" },
                new() { RemainingAtOrBelow = 20, Decision = "block" },
                new() { RemainingAtOrBelow = 30, Decision = "freeze" },
                new() { RemainingAtOrBelow = 10, Decision = "warn" },
                new() { RemainingAtOrBelow = -2000, Decision = "freeze" },
                new() { RemainingAtOrBelow = 5.125m, Decision = "freeze" },
                new() { Decision = null },
            ],
            ExemptLabels = ["rollback", "Roll Back", "rollback"],
        })).ProblemAsync(HttpStatusCode.BadRequest);
        var missing = await (await admin.PostJsonAsync("api/v1/error-budget-policies", new ErrorBudgetPolicyRequest { Name = name })).ProblemAsync(HttpStatusCode.BadRequest);
        var defaultWithServices = await (await admin.PostJsonAsync("api/v1/error-budget-policies", Strict(name, service) with { Default = true })).ProblemAsync(HttpStatusCode.BadRequest);
        var tooMany = await (await admin.PostJsonAsync("api/v1/error-budget-policies", Strict(name, service) with
        {
            Steps = [.. Enumerable.Range(0, 11).Select(i => new ErrorBudgetPolicyStep { RemainingAtOrBelow = 100 - i, Decision = "warn" })],
            ExemptLabels = [.. Enumerable.Range(0, 21).Select(i => $"label-{i}")],
        })).ProblemAsync(HttpStatusCode.BadRequest);
        var unknown = await (await admin.PostJsonAsync("api/v1/error-budget-policies", Strict(name, service, "no-such-service"))).ProblemAsync(HttpStatusCode.BadRequest);
        var wrongType = await (await admin.PostAsync("api/v1/error-budget-policies", new StringContent(
            $$"""{"name":"{{name}}","services":["{{service}}"],"steps":[{"remainingAtOrBelow":"ten","decision":"freeze"}]}""", Encoding.UTF8, "application/json"))).ProblemAsync(HttpStatusCode.BadRequest);

        fields.AssertField("name", "lower-case letters");
        fields.AssertField("description", "at most 2000 characters");
        fields.AssertField("services[1]", "'X' must be 2-63 lower-case letters");
        fields.AssertField("services[2]", $"'{service}' is listed twice");
        fields.AssertField("steps[0].remainingAtOrBelow", "150 must be at most 100");
        fields.AssertField("steps[1].decision", "'block' must be allow, warn or freeze");
        fields.AssertField("steps[2].remainingAtOrBelow", "30 must be below the previous step's 20");
        fields.AssertField("steps[3].decision", "'warn' is less severe than 'freeze' at 30% left");
        fields.AssertField("steps[4].remainingAtOrBelow", "-2000 must be at least -1000");
        fields.AssertField("steps[5].remainingAtOrBelow", "5.125 has more than 2 decimals");
        fields.AssertField("steps[6].remainingAtOrBelow", "is required");
        fields.AssertField("steps[6].decision", "is required: allow, warn or freeze");
        fields.AssertField("exemptLabels[1]", "'Roll Back' must be 2-63 lower-case letters");
        fields.AssertField("exemptLabels[2]", "'rollback' is listed twice");
        missing.AssertField("services", "is required");
        missing.AssertField("steps", "at least one step");
        defaultWithServices.AssertField("services", "must be left out for the organisation default");
        tooMany.AssertField("steps", "at most 10 steps");
        tooMany.AssertField("exemptLabels", "at most 20 labels");
        unknown.AssertField("services[1]", "service 'no-such-service' does not exist");
        Assert.Contains("steps[0].remainingAtOrBelow", wrongType.Keys);
        Assert.False(app.WithDb(db => db.ErrorBudgetPolicies.Any(p => p.Name == name)));
        Assert.Empty(app.WithDb(db => db.AuditRecords.Where(r => r.ObjectName == name).ToList()));
    }

    [Theory, DatabaseData]
    public async Task AServiceFollowsAtMostOnePolicyAndCannotGoWhileOneNamesIt(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var (_, free) = await SloTestKit.CreateServiceAsync(admin);
        var (first, second) = (Names.Unique("first"), Names.Unique("second"));
        (await admin.PostJsonAsync("api/v1/error-budget-policies", Strict(first, service))).EnsureSuccessStatusCode();

        var taken = await (await admin.PostJsonAsync("api/v1/error-budget-policies", Strict(second, free, service))).ProblemAsync(HttpStatusCode.BadRequest);
        var duplicate = await (await admin.PostJsonAsync("api/v1/error-budget-policies", Strict(first, free))).ProblemAsync(HttpStatusCode.Conflict);
        var renamed = await (await admin.PutAsJsonAsync($"api/v1/error-budget-policies/{first}", Strict(second, service))).ProblemAsync(HttpStatusCode.BadRequest);
        var deleteService = await (await admin.DeleteAsync($"api/v1/services/{service}")).ProblemAsync(HttpStatusCode.Conflict);
        // Moving it: out of the first policy, then into the second.
        (await admin.PutAsJsonAsync($"api/v1/error-budget-policies/{first}", Strict(first, free))).EnsureSuccessStatusCode();
        var moved = await (await admin.PostJsonAsync("api/v1/error-budget-policies", Strict(second, service))).ReadAsync<ErrorBudgetPolicyResponse>(HttpStatusCode.Created);
        var unchanged = await (await admin.GetAsync($"api/v1/error-budget-policies/{first}")).ReadAsync<ErrorBudgetPolicyResponse>(HttpStatusCode.OK);

        taken.AssertField("services[1]", $"service '{service}' already follows policy '{first}'");
        duplicate.AssertField("name", $"'{first}' already exists");
        renamed.AssertField("name", "must match the URL");
        deleteService.AssertField("references", $"ErrorBudgetPolicy {first}");
        Assert.Equal([service], moved.Services);
        Assert.Equal([free], unchanged.Services);
        Assert.Equal(2, unchanged.Revision);
    }

    [Theory, DatabaseData]
    public async Task MembersChangePoliciesOfTheirOwnServicesAndOnlyAdminsTheOrganisationDefault(string provider)
    {
        // A server of its own: the organisation default here would govern other tests' services.
        var app = await servers.GetIsolatedAsync(provider, "policy-roles");
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var (otherTeam, foreign) = await SloTestKit.CreateServiceAsync(admin);
        var member = app.Client((await app.CreateUserAsync(OrgRole.Member, team)).Token);
        var outsider = app.Client((await app.CreateUserAsync(OrgRole.Member, otherTeam)).Token);
        var viewer = app.Client((await app.CreateUserAsync(OrgRole.Viewer)).Token);
        var teamToken = (await (await admin.PostJsonAsync($"api/v1/teams/{team}/tokens", new CreateTokenRequest { Name = "ci", Scope = "write" })).ReadAsync<CreatedTokenResponse>(HttpStatusCode.Created)).Token;
        var defaults = new ErrorBudgetPolicyRequest { Name = "org-default", Default = true, Steps = [new() { RemainingAtOrBelow = 0, Decision = "freeze" }] };

        var byViewer = await viewer.PostJsonAsync("api/v1/error-budget-policies", Strict("viewer-policy", service));
        var byOutsider = await outsider.PostJsonAsync("api/v1/error-budget-policies", Strict("outsider-policy", service));
        var byMember = await member.PostJsonAsync("api/v1/error-budget-policies", Strict("member-policy", service));
        var spanning = await member.PutAsJsonAsync("api/v1/error-budget-policies/member-policy", Strict("member-policy", service, foreign));
        var outsiderChange = await outsider.PutAsJsonAsync("api/v1/error-budget-policies/member-policy", Strict("member-policy", foreign));
        var outsiderDelete = await outsider.DeleteAsync("api/v1/error-budget-policies/member-policy");
        var byTeamToken = await app.Client(teamToken).PutAsJsonAsync("api/v1/error-budget-policies/member-policy", Strict("member-policy", service) with { Description = "From CI." });
        var defaultByMember = await member.PostJsonAsync("api/v1/error-budget-policies", defaults);
        var defaultByAdmin = await admin.PostJsonAsync("api/v1/error-budget-policies", defaults);
        var secondDefault = await admin.PostJsonAsync("api/v1/error-budget-policies", defaults with { Name = "another-default" });
        var memberTurnsDefault = await member.PutAsJsonAsync("api/v1/error-budget-policies/member-policy", defaults with { Name = null });
        var memberDeletesDefault = await member.DeleteAsync("api/v1/error-budget-policies/org-default");
        var list = await (await viewer.GetAsync("api/v1/error-budget-policies?limit=1")).ReadAsync<Page<ErrorBudgetPolicyResponse>>(HttpStatusCode.OK);
        var next = await (await viewer.GetAsync($"api/v1/error-budget-policies?limit=1&cursor={list.NextCursor}")).ReadAsync<Page<ErrorBudgetPolicyResponse>>(HttpStatusCode.OK);
        var memberDelete = await member.DeleteAsync("api/v1/error-budget-policies/member-policy");
        var badLimit = await (await viewer.GetAsync("api/v1/error-budget-policies?limit=0")).ProblemAsync(HttpStatusCode.BadRequest);
        var effective = await (await viewer.GetAsync($"api/v1/services/{service}/error-budget-policy")).ReadAsync<EffectiveErrorBudgetPolicyResponse>(HttpStatusCode.OK);
        var noService = await viewer.GetAsync("api/v1/services/no-such-service/error-budget-policy");

        await byViewer.ProblemAsync(HttpStatusCode.Forbidden);
        await byOutsider.ProblemAsync(HttpStatusCode.Forbidden);
        await byMember.ReadAsync<ErrorBudgetPolicyResponse>(HttpStatusCode.Created);
        Assert.Contains($"team '{otherTeam}'", (await spanning.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Forbidden, spanning.StatusCode);
        await outsiderChange.ProblemAsync(HttpStatusCode.Forbidden);
        await outsiderDelete.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("From CI.", (await byTeamToken.ReadAsync<ErrorBudgetPolicyResponse>(HttpStatusCode.OK)).Description);
        Assert.Contains("Only admins", (await defaultByMember.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Forbidden, defaultByMember.StatusCode);
        var stored = await defaultByAdmin.ReadAsync<ErrorBudgetPolicyResponse>(HttpStatusCode.Created);
        Assert.Equal((true, 0, 0), (stored.Default, stored.Services.Count, stored.Teams.Count));
        (await secondDefault.ProblemAsync(HttpStatusCode.BadRequest)).AssertField("default", "policy 'org-default' is already the organisation default");
        await memberTurnsDefault.ProblemAsync(HttpStatusCode.Forbidden);
        await memberDeletesDefault.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, memberDelete.StatusCode);
        Assert.Equal(["member-policy"], list.Items.Select(p => p.Name));
        Assert.Equal(["org-default"], next.Items.Select(p => p.Name));
        Assert.Null(next.NextCursor);
        Assert.Contains("limit", badLimit.Keys);
        Assert.Equal(("default", "org-default"), (effective.Source, effective.Policy));
        await noService.ProblemAsync(HttpStatusCode.NotFound);
        Assert.False(app.WithDb(db => db.ErrorBudgetPolicies.Any(p => p.Name == "another-default" || p.Name == "viewer-policy" || p.Name == "outsider-policy")));
    }
}
