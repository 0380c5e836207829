using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.Hosting;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Sso;

public sealed class SsoProviderApiTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task TheClientSecretIsWriteOnlyAndSealedInTheDatabase(string provider)
    {
        var app = await servers.GetAsync(provider);
        var admin = app.Admin();
        var name = Names.Unique("idp");
        var secret = $"plain-secret-{Guid.NewGuid():N}";
        var request = new IdentityProviderRequest { Name = name, Issuer = "https://login.example.test/realms/corp", ClientId = "unyo", ClientSecret = secret };

        var created = await admin.PostJsonAsync("api/v1/sso/providers", request);
        var createdBody = await created.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Contains("\"clientSecretSet\":true", createdBody, StringComparison.Ordinal);
        var stored = RawSecret(app, name);
        Assert.NotNull(stored);
        Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        Assert.Equal(secret, app.Services.GetRequiredService<SecretBox>().Open(stored));

        // Omitting the secret keeps it, byte for byte.
        var kept = await admin.PutAsJsonAsync($"api/v1/sso/providers/{name}", request with { ClientSecret = null, DisplayName = "Corp" }, HttpAssertions.Json);
        Assert.True((await kept.ReadAsync<IdentityProviderResponse>(HttpStatusCode.OK)).ClientSecretSet);
        Assert.Equal(stored, RawSecret(app, name));

        var bodies = new List<string> { createdBody, await (await admin.GetAsync($"api/v1/sso/providers/{name}")).Content.ReadAsStringAsync(), await admin.GetStringAsync("api/v1/sso/providers") };
        var changed = await admin.PutAsJsonAsync($"api/v1/sso/providers/{name}", request with { ClientSecret = "another-secret-value" }, HttpAssertions.Json);
        bodies.Add(await changed.Content.ReadAsStringAsync());
        Assert.NotEqual(stored, RawSecret(app, name));

        var cleared = await (await admin.PutAsJsonAsync($"api/v1/sso/providers/{name}", request with { ClientSecret = "" }, HttpAssertions.Json)).ReadAsync<IdentityProviderResponse>(HttpStatusCode.OK);
        Assert.False(cleared.ClientSecretSet);
        Assert.Null(RawSecret(app, name));

        var audit = await admin.GetStringAsync($"api/v1/audit?limit=100");
        bodies.Add(audit);
        Assert.All(bodies, b => Assert.DoesNotContain(secret, b, StringComparison.Ordinal));
        Assert.All(bodies, b => Assert.DoesNotContain("another-secret-value", b, StringComparison.Ordinal));
        var updates = app.WithDb(db => db.AuditRecords.AsNoTracking().Where(r => r.Action == "identityprovider.update" && r.ObjectName == name).OrderBy(r => r.Id).Select(r => r.After!).ToList());
        Assert.Equal(3, updates.Count);
        Assert.DoesNotContain("clientSecret", updates[0], StringComparison.Ordinal);
        Assert.Contains("\"clientSecret\":\"(changed)\"", updates[1], StringComparison.Ordinal);
        Assert.Contains("\"clientSecret\":\"(removed)\"", updates[2], StringComparison.Ordinal);
    }

    [Theory, DatabaseData]
    public async Task EveryInvalidFieldIsNamed(string provider)
    {
        var app = await servers.GetAsync(provider);

        var errors = await (await app.Admin().PostJsonAsync("api/v1/sso/providers", new IdentityProviderRequest
        {
            Name = "Not A Slug",
            Issuer = "http://login.example.test",
            Scopes = "email profile",
            EmailClaim = "has space",
            JitRole = "owner",
            GroupMappings = [new GroupMapping { Group = "sre", Team = "no-such-team-here" }, new GroupMapping { Group = "" , OrgRole = "boss" }, new GroupMapping { Group = "empty" }],
        })).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(
            ["clientId", "emailClaim", "groupMappings[1].group", "groupMappings[1].orgRole", "groupMappings[2]", "issuer", "jitRole", "name", "scopes"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("https", errors["issuer"][0], StringComparison.Ordinal);
        Assert.Contains("owner", errors["jitRole"][0], StringComparison.Ordinal);

        var unknownTeam = await (await app.Admin().PostJsonAsync("api/v1/sso/providers", new IdentityProviderRequest
        {
            Name = Names.Unique("idp"), Issuer = "https://login.example.test", ClientId = "unyo",
            GroupMappings = [new GroupMapping { Group = "sre", Team = "no-such-team-here" }],
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["team 'no-such-team-here' does not exist; create it first."], unknownTeam["groupMappings[0].team"]);

        var loopback = await app.Admin().PostJsonAsync("api/v1/sso/providers", new IdentityProviderRequest { Name = Names.Unique("idp"), Issuer = "http://127.0.0.1:9/", ClientId = "unyo" });
        Assert.Equal(HttpStatusCode.Created, loopback.StatusCode);
        var teamRole = await (await app.Admin().PostAsync("api/v1/sso/providers", JsonContent.Create(new { name = Names.Unique("idp"), issuer = "https://x.example.test", clientId = "u", groupMappings = new[] { new { group = "g", team = "t", teamRole = "lead" } } })))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Single(teamRole);
    }

    [Theory, DatabaseData]
    public async Task OnlyAdminsReadProviders(string provider)
    {
        var app = await servers.GetAsync(provider);
        var member = await app.CreateUserAsync(OrgRole.Member);

        var response = await app.Client(member.Token).GetAsync("api/v1/sso/providers");

        await response.ProblemAsync(HttpStatusCode.Forbidden);
    }

    private static string? RawSecret(UnyoApp app, string name) => app.WithDb(db =>
        db.Database.SqlQueryRaw<string?>("SELECT \"ProtectedClientSecret\" AS \"Value\" FROM \"IdentityProviders\" WHERE \"Name\" = {0}", name).AsEnumerable().Single());
}
