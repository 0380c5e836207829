using System.Net;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Sso;

public sealed class SsoConfigAsCodeTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task ExportsHoldNoSecretAndApplyingThemKeepsTheStoredOne(string provider)
    {
        var app = await servers.GetAsync(provider);
        var team = Names.Unique("team");
        (await app.Admin().PostJsonAsync("api/v1/teams", new TeamRequest { Name = team })).EnsureSuccessStatusCode();
        var name = Names.Unique("idp");
        var secret = $"exported-secret-{Guid.NewGuid():N}";
        (await app.Admin().PostJsonAsync("api/v1/sso/providers", new IdentityProviderRequest
        {
            Name = name, Issuer = "https://login.example.test/realms/corp", ClientId = "unyo", ClientSecret = secret, JitProvisioning = true,
            GroupMappings = [new GroupMapping { Group = "sre", OrgRole = "member", Team = team }],
        })).EnsureSuccessStatusCode();
        var sealedBefore = Sealed(app, name);

        var export = await app.Admin().GetStringAsync("api/v1/export");
        var document = export.Split("---\n").Single(d => d.Contains("kind: IdentityProvider", StringComparison.Ordinal) && d.Contains($"name: {name}", StringComparison.Ordinal));
        Assert.DoesNotContain(secret, export, StringComparison.Ordinal);
        Assert.DoesNotContain("clientSecret", document, StringComparison.Ordinal);
        Assert.Contains($"team: {team}", document, StringComparison.Ordinal);

        var plan = await ApplyAsync(app, document);
        Assert.Equal("unchanged", Assert.Single(plan.Changes).Action);
        Assert.Equal(sealedBefore, Sealed(app, name));

        // A document that sets the secret plans a change that does not show it, and a second
        // apply of the same secret plans none.
        var withSecret = document.Replace("spec:\n", $"spec:\n  clientSecret: new-{secret}\n", StringComparison.Ordinal);
        var dryRun = await ApplyAsync(app, withSecret, dryRun: true);
        var change = Assert.Single(dryRun.Changes);
        Assert.Equal("update", change.Action);
        Assert.Equal(new FieldChange("spec.clientSecret", null, "(changed)"), Assert.Single(change.Fields));
        Assert.Equal(sealedBefore, Sealed(app, name));
        Assert.Equal("update", Assert.Single((await ApplyAsync(app, withSecret)).Changes).Action);
        Assert.NotEqual(sealedBefore, Sealed(app, name));
        Assert.Equal("unchanged", Assert.Single((await ApplyAsync(app, withSecret)).Changes).Action);
        var records = await app.Admin().GetStringAsync("api/v1/audit?limit=100");
        Assert.DoesNotContain(secret, records, StringComparison.Ordinal);
    }

    [Theory, DatabaseData]
    public async Task IdentityProvidersAreAdminBusinessInExportsAndPlans(string provider)
    {
        var app = await servers.GetAsync(provider);
        var name = Names.Unique("idp");
        (await app.Admin().PostJsonAsync("api/v1/sso/providers", new IdentityProviderRequest { Name = name, Issuer = "https://login.example.test", ClientId = "unyo" })).EnsureSuccessStatusCode();
        var member = await app.CreateUserAsync(OrgRole.Member);

        var export = await app.Client(member.Token).GetStringAsync("api/v1/export");
        var plan = await app.Client(member.Token).PostJsonAsync("api/v1/apply", new ApplyRequest
        {
            DryRun = true,
            Files = [new ApplyFile("idp.yaml", $"apiVersion: unyo.dev/v1\nkind: IdentityProvider\nmetadata:\n  name: {name}\nspec:\n  issuer: https://login.example.test\n  clientId: other\n")],
        });

        Assert.DoesNotContain("kind: IdentityProvider", export, StringComparison.Ordinal);
        var errors = await plan.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(["only admins may plan or apply it."], errors["kind IdentityProvider"]);
    }

    [Theory, DatabaseData]
    public async Task ApplyRefusesMappingsToTeamsThatDoNotExist(string provider)
    {
        var app = await servers.GetAsync(provider);
        var name = Names.Unique("idp");

        var response = await app.Admin().PostJsonAsync("api/v1/apply", new ApplyRequest
        {
            Files = [new ApplyFile("idp.yaml", $"apiVersion: unyo.dev/v1\nkind: IdentityProvider\nmetadata:\n  name: {name}\nspec:\n  issuer: https://login.example.test\n  clientId: unyo\n  jitRole: owner\n  groupMappings:\n    - group: sre\n      team: no-such-team-x\n")],
        });

        var errors = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(errors, e => e.Key.EndsWith("spec.jitRole", StringComparison.Ordinal));
        Assert.False(app.WithDb(db => db.IdentityProviders.Any(p => p.Name == name)));
        var teamOnly = await app.Admin().PostJsonAsync("api/v1/apply", new ApplyRequest
        {
            Files = [new ApplyFile("idp.yaml", $"apiVersion: unyo.dev/v1\nkind: IdentityProvider\nmetadata:\n  name: {name}\nspec:\n  issuer: https://login.example.test\n  clientId: unyo\n  groupMappings:\n    - group: sre\n      team: no-such-team-x\n")],
        });
        var teamErrors = await teamOnly.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(teamErrors, e => e.Key.EndsWith("spec.groupMappings[0].team", StringComparison.Ordinal) && e.Value[0].Contains("no-such-team-x", StringComparison.Ordinal));
    }

    private static string? Sealed(UnyoApp app, string name) =>
        app.WithDb(db => db.IdentityProviders.AsNoTracking().Single(p => p.Name == name).ProtectedClientSecret);

    private static async Task<ApplyResponse> ApplyAsync(UnyoApp app, string document, bool dryRun = false) =>
        await (await app.Admin().PostJsonAsync("api/v1/apply", new ApplyRequest { DryRun = dryRun, Files = [new ApplyFile("idp.yaml", document)] }))
            .ReadAsync<ApplyResponse>(HttpStatusCode.OK);
}
