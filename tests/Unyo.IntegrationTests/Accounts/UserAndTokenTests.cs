using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Accounts;

public sealed class UserAndTokenTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task FirstStartCreatedTheOwnerWithTheConfiguredToken(string provider)
    {
        var app = await servers.GetAsync(provider);

        var me = await (await app.Admin().GetAsync("api/v1/me")).ReadAsync<UserResponse>(HttpStatusCode.OK);

        Assert.Equal((UnyoApp.AdminEmail, "owner"), (me.Email, me.Role));
        Assert.Equal(1, app.WithDb(db => db.Organisations.Count()));
    }

    [Theory, DatabaseData]
    public async Task ATokenIsShownOnceStoredHashedAndStopsWorkingWhenRevoked(string provider)
    {
        var app = await servers.GetAsync(provider);
        var member = await app.CreateUserAsync(OrgRole.Member);
        using var client = app.Client(member.Token);

        var created = await (await client.PostJsonAsync("api/v1/tokens", new CreateTokenRequest { Name = "ci", ExpiresInDays = 7 })).ReadAsync<CreatedTokenResponse>(HttpStatusCode.Created);
        var listed = await (await client.GetAsync("api/v1/tokens")).ReadAsync<List<TokenResponse>>(HttpStatusCode.OK);
        var usable = await app.Client(created.Token).GetAsync("api/v1/me");
        var revoked = await client.DeleteAsync($"api/v1/tokens/{created.Id}");
        var afterRevoke = await app.Client(created.Token).GetAsync("api/v1/me");
        var invalid = await (await client.PostJsonAsync("api/v1/tokens", new CreateTokenRequest { Name = "", ExpiresInDays = 1000 })).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.StartsWith("unyo_", created.Token);
        Assert.Contains(listed, t => t.Id == created.Id && created.Token.StartsWith(t.Prefix, StringComparison.Ordinal));
        Assert.DoesNotContain(created.Token, app.WithDb(db => db.ApiTokens.Select(t => t.Hash).ToList()));
        Assert.Equal(HttpStatusCode.OK, usable.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        Assert.Equal(["expiresInDays", "name"], invalid.Keys.Order());
    }

    [Theory, DatabaseData]
    public async Task AdminsCreateUsersWithValidatedFields(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var email = $"{Guid.NewGuid():N}@example.test";

        var invalid = await (await admin.PostJsonAsync("api/v1/users", new CreateUserRequest { Email = "nope", Role = "boss", Password = "short" })).ProblemAsync(HttpStatusCode.BadRequest);
        var created = await (await admin.PostJsonAsync("api/v1/users", new CreateUserRequest { Email = email.ToUpperInvariant(), Password = "a long enough password", Role = "viewer" })).ReadAsync<UserResponse>(HttpStatusCode.Created);
        var duplicate = await admin.PostJsonAsync("api/v1/users", new CreateUserRequest { Email = email, Password = "a long enough password" });
        var promoted = await (await admin.PatchAsJsonAsync($"api/v1/users/{created.Id}", new UpdateUserRequest { Role = "admin" })).ReadAsync<UserResponse>(HttpStatusCode.OK);

        Assert.Equal(["email", "password", "role"], invalid.Keys.Order());
        Assert.Equal((email, "viewer"), (created.Email, created.Role));
        await duplicate.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("admin", promoted.Role);
    }

    [Theory, DatabaseData]
    public async Task AnAdminCannotMakeOwnersAndTheLastOwnerStays(string provider)
    {
        // A server of its own: should any test add an owner, the demotion below would succeed on a
        // shared server and leave it without an owner for every test after.
        var app = await servers.GetIsolatedAsync(provider, "last-owner");
        var admin = await app.CreateUserAsync(OrgRole.Admin);
        using var client = app.Client(admin.Token);
        var ownerId = app.WithDb(db => db.Users.Single(u => u.Email == UnyoApp.AdminEmail).Id);

        var makeOwner = await client.PostJsonAsync("api/v1/users", new CreateUserRequest { Email = $"{Guid.NewGuid():N}@example.test", Password = "a long enough password", Role = "owner" });
        var demoteOwner = await client.PatchAsJsonAsync($"api/v1/users/{ownerId}", new UpdateUserRequest { Role = "member" });
        var ownerDemotesSelf = await app.Admin().PatchAsJsonAsync($"api/v1/users/{ownerId}", new UpdateUserRequest { Role = "member" });

        await makeOwner.ProblemAsync(HttpStatusCode.Forbidden);
        await demoteOwner.ProblemAsync(HttpStatusCode.Forbidden);
        await ownerDemotesSelf.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory, DatabaseData]
    public async Task ADisabledAccountLosesItsTokensAndSignInAtOnceAndComesBackWhenEnabled(string provider)
    {
        var app = await servers.GetAsync(provider);
        var person = await app.CreatePersonAsync(OrgRole.Member);
        using var admin = app.Admin();
        using var client = app.Client(person.Token);
        (await client.GetAsync("api/v1/me")).EnsureSuccessStatusCode();

        var disabled = await (await admin.PatchAsJsonAsync($"api/v1/users/{person.Id}", new UpdateUserRequest { Disabled = true })).ReadAsync<UserResponse>(HttpStatusCode.OK);
        var tokenAfter = await client.GetAsync("api/v1/me");
        bool signedIn;
        using (var scope = app.Services.CreateScope())
        {
            signedIn = await scope.ServiceProvider.GetRequiredService<PasswordSignIn>().CheckAsync(person.Email, person.Password, CancellationToken.None) is not null;
        }
        var selfDisable = await admin.PatchAsJsonAsync($"api/v1/users/{app.WithDb(db => db.Users.Single(u => u.Email == UnyoApp.AdminEmail).Id)}", new UpdateUserRequest { Disabled = true });
        (await admin.PatchAsJsonAsync($"api/v1/users/{person.Id}", new UpdateUserRequest { Disabled = false })).EnsureSuccessStatusCode();
        var tokenAgain = await client.GetAsync("api/v1/me");

        Assert.True(disabled.Disabled);
        Assert.Equal(HttpStatusCode.Unauthorized, tokenAfter.StatusCode);
        Assert.False(signedIn);
        Assert.Contains("disabled", (await selfDisable.ProblemAsync(HttpStatusCode.BadRequest)).Keys);
        Assert.Equal(HttpStatusCode.OK, tokenAgain.StatusCode);
        var audit = await (await admin.GetAsync($"api/v1/audit?kind=User&name={Uri.EscapeDataString(person.Email)}&action=user.update")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK);
        Assert.Contains(audit.Items, r => r.After!.Contains("\"disabled\":true", StringComparison.Ordinal));
    }
}
