using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.Features.Audit;
using Unyo.IntegrationTests.Accounts;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Audit;

/// Unknown, revoked or expired tokens (401) and tokens used outside their scope (403) leave an
/// audit record naming the token's prefix, the address, the request and why; a client that
/// keeps retrying leaves one record a minute with a count, not one per request.
public sealed class RefusedCredentialTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task AnUnknownTokenRetriedInALoopLeavesOneRecordAndThenItsCount(string provider)
    {
        var app = await servers.GetAsync(provider);
        var secret = $"unyo_{Guid.NewGuid():N}";
        var prefix = secret[..12];
        using var client = app.Client(secret);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add((await client.GetAsync(i == 4 ? "api/v1/teams" : "api/v1/services")).StatusCode);
        }
        var first = await RecordsAsync(app, prefix, "auth.token-refused");
        await app.Services.GetRequiredService<RefusedRequests>().FlushAsync(TimeProvider.System.GetUtcNow() + RefusedRequests.Window, CancellationToken.None);
        var afterTheMinute = await RecordsAsync(app, prefix, "auth.token-refused");

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a));
        var record = Assert.Single(first);
        Assert.Equal(("anonymous", "127.0.0.1", "api", (string?)null), (record.Credential, record.Ip, record.Source, record.ActorEmail));
        Assert.Equal(("unknown-or-revoked", "GET /api/v1/services", 1), After(record));
        Assert.Equal(2, afterTheMinute.Count);
        Assert.Equal(("unknown-or-revoked", "GET /api/v1/teams", 4), After(afterTheMinute[0]));
        Assert.DoesNotContain(secret[12..], afterTheMinute[0].After!, StringComparison.Ordinal);
    }

    [Theory, DatabaseData]
    public async Task RevokedAndExpiredTokensAreRecordedWithTheirReason(string provider)
    {
        var app = await servers.GetAsync(provider);
        var person = await app.CreatePersonAsync(OrgRole.Member);
        using var owner = app.Client(person.Token);
        var revoked = await (await owner.PostJsonAsync("api/v1/tokens", new CreateTokenRequest { Name = "to-revoke" })).ReadAsync<CreatedTokenResponse>(HttpStatusCode.Created);
        var expired = await (await owner.PostJsonAsync("api/v1/tokens", new CreateTokenRequest { Name = "to-expire" })).ReadAsync<CreatedTokenResponse>(HttpStatusCode.Created);
        (await owner.DeleteAsync($"api/v1/tokens/{revoked.Id}")).EnsureSuccessStatusCode();
        app.WithDb(db => db.ApiTokens.Where(t => t.Id == expired.Id).ExecuteUpdate(s => s.SetProperty(t => t.ExpiresAt, DateTimeOffset.UnixEpoch)));

        var withRevoked = await app.Client(revoked.Token).GetAsync("api/v1/services");
        var withExpired = await app.Client(expired.Token).GetAsync("api/v1/services");

        await withRevoked.ProblemAsync(HttpStatusCode.Unauthorized);
        await withExpired.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("unknown-or-revoked", After(Assert.Single(await RecordsAsync(app, revoked.Token[..12], "auth.token-refused"))).Reason);
        var expiredRecord = Assert.Single(await RecordsAsync(app, expired.Token[..12], "auth.token-refused"));
        Assert.Equal(("expired", $"token:{expired.Id}"), (After(expiredRecord).Reason, expiredRecord.Credential));
    }

    [Theory, DatabaseData]
    public async Task ATokenUsedOutsideItsScopeIsRecordedWithItsOwner(string provider)
    {
        var app = await servers.GetAsync(provider);
        var person = await app.CreatePersonAsync(OrgRole.Member);
        var ingest = await (await app.Client(person.Token).PostJsonAsync("api/v1/tokens", new CreateTokenRequest { Name = "ingest-only", Scope = "ingest" }))
            .ReadAsync<CreatedTokenResponse>(HttpStatusCode.Created);

        var refused = await app.Client(ingest.Token).GetAsync("api/v1/services");
        await app.Client(ingest.Token).GetAsync("api/v1/services");
        var records = await RecordsAsync(app, ingest.Token[..12], "auth.forbidden");

        await refused.ProblemAsync(HttpStatusCode.Forbidden);
        var record = Assert.Single(records);
        Assert.Equal((person.Email, $"token:{ingest.Id}", "127.0.0.1"), (record.ActorEmail, record.Credential, record.Ip));
        Assert.Contains("ingest token", After(record).Reason, StringComparison.Ordinal);
        Assert.Equal("GET /api/v1/services", After(record).Request);
    }

    private static async Task<List<AuditRecordResponse>> RecordsAsync(UnyoApp app, string prefix, string action) =>
        [.. (await (await app.Admin().GetAsync($"api/v1/audit?kind=ApiToken&name={Uri.EscapeDataString(prefix)}&action={action}")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK)).Items];

    private static (string Reason, string Request, int Count) After(AuditRecordResponse record)
    {
        var after = JsonDocument.Parse(record.After!).RootElement;
        return (after.GetProperty("reason").GetString()!, after.GetProperty("request").GetString()!, after.GetProperty("count").GetInt32());
    }
}
