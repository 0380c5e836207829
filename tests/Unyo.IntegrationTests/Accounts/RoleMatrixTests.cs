using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Features.Accounts;
using Unyo.Hosting;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Accounts;

/// Every operation in the OpenAPI document (under /api and beside it: OTLP's /v1/metrics,
/// PagerDuty's /v2 paths, heartbeat pings), called by every kind of caller: outsider, viewer,
/// member of another team, member of the owning team, admin, owner, a team's write token (of the
/// owning team and of another) and ingest tokens (a person's and a team's). Each operation must
/// state a policy, and each caller must get exactly what the policy and ownership grant.
/// Two passes. First on objects that do not exist (unknown names, empty bodies): harmless, so an
/// allowed call answers 400 or 404 from the handler and a refused one 401 or 403 from
/// authorization. Then every operation on something a team owns runs against real objects of a
/// fixture team, with bodies that succeed; the fixture is restored after a call that changed it.
public sealed partial class RoleMatrixTests(Servers servers)
{
    private static readonly Dictionary<string, OrgRole[]> Allowed = new()
    {
        [Policies.Read] = [OrgRole.Viewer, OrgRole.Member, OrgRole.Admin, OrgRole.Owner],
        [Policies.Write] = [OrgRole.Member, OrgRole.Admin, OrgRole.Owner],
        [Policies.Admin] = [OrgRole.Admin, OrgRole.Owner],
        [Policies.Ingest] = [OrgRole.Member, OrgRole.Admin, OrgRole.Owner],
    };

    // Probe agents' endpoints take a location's agent token, not an API token: every caller here,
    // admins included, is a stranger to them.
    private static readonly HashSet<string> AgentOnly = ["GET /api/v1/probe/assignments", "POST /api/v1/probe/results"];

    // Only sessions and admin-scope tokens create or renew tokens; a team token is never admin.
    private static readonly HashSet<string> MintTokens = ["POST /api/v1/teams/{name}/tokens", "POST /api/v1/teams/{name}/tokens/{id}/rotate"];

    // A person's contact methods and notification rules are personal data: only the person and
    // admins. The walk asks about someone else (nobody@example.test), so other people are refused
    // whatever their role; ContactMethodApiTests shows people reaching their own.
    private static readonly string[] PersonalData = ["/api/v1/users/{email}/contact-methods", "/api/v1/users/{email}/notification-rules"];

    /// Who calls. Role is what the policies see (a team token is a member); InOwningTeam says
    /// whether it may change what the fixture team owns.
    private sealed record Caller(string Name, string? Token, OrgRole Role, bool InOwningTeam = false, bool TeamToken = false, bool Ingest = false);

    [Theory, DatabaseData]
    public async Task EveryOperationInTheOpenApiDocumentAnswersEveryCallerAsItsPolicyAndOwnershipSay(string provider)
    {
        // A server of its own: the extra owner made here would change what "the last owner" means elsewhere.
        var app = await servers.GetIsolatedAsync(provider, "role-matrix");
        var operations = await OperationsAsync(app);
        var policies = Policies_(app);
        var fixture = await MatrixFixture.CreateAsync(app);
        var callers = await CallersAsync(app, fixture);
        var failures = new List<string>();

        Assert.True(operations.Count >= 30, $"only {operations.Count} operations in the OpenAPI document");
        foreach (var (method, path) in operations)
        {
            var operation = $"{method} {path}";
            if (AgentOnly.Contains(operation))
            {
                foreach (var caller in callers)
                {
                    var refused = await app.Client(caller.Token).SendAsync(Request(method, path));
                    Check(failures, $"{operation} [agent token] {caller.Name}", (int)refused.StatusCode, allowed: null, allowedStatus: null);
                }
                continue;
            }
            // The key, secret URL or signed link is the credential (PublicEndpoints): a wrong one
            // is refused alike whoever calls, an owner's token changes nothing.
            if (PublicEndpoints.IsAnonymous(operation))
            {
                foreach (var caller in callers)
                {
                    var unknown = await app.Client(caller.Token).SendAsync(PublicEndpoints.Request(method, path, Request(method, path).RequestUri!.ToString()));
                    if (unknown.StatusCode != PublicEndpoints.Refusal(operation))
                    {
                        failures.Add($"{operation} [key or secret URL] {caller.Name}: {(int)unknown.StatusCode}, expected {(int)PublicEndpoints.Refusal(operation)}");
                    }
                }
                continue;
            }
            if (!policies.TryGetValue(operation, out var named) || Strictest(named) is not { } policy)
            {
                failures.Add($"{operation}: states no read/write/admin/ingest policy");
                continue;
            }
            foreach (var caller in callers)
            {
                var response = await app.Client(caller.Token).SendAsync(Request(method, path));
                Check(failures, $"{operation} [{policy}] {caller.Name}", (int)response.StatusCode, Expect(operation, named, policy, caller, guarded: false), allowedStatus: null);
            }
        }
        foreach (var operation in operations.Select(o => $"{o.Method} {o.Path}").Where(IsOwned).Where(o => !OwnedCalls.ContainsKey(o)))
        {
            failures.Add($"{operation}: acts on what a team owns but has no entry in OwnedCalls");
        }
        foreach (var (operation, call) in OwnedCalls)
        {
            if (!policies.TryGetValue(operation, out var named) || Strictest(named) is not { } policy)
            {
                failures.Add($"{operation}: in OwnedCalls but not an operation with a policy");
                continue;
            }
            foreach (var caller in callers)
            {
                var owned = call(fixture);
                var response = await app.Client(caller.Token).SendAsync(owned.Request);
                Check(failures, $"{operation} (owned) [{policy}] {caller.Name}", (int)response.StatusCode, Expect(operation, named, policy, caller, owned.Guarded), owned.Status);
                if (response.IsSuccessStatusCode && owned.Restore is not null)
                {
                    await owned.Restore(response);
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static async Task<List<Caller>> CallersAsync(UnyoApp app, MatrixFixture fixture)
    {
        var member = await app.CreateUserAsync(OrgRole.Member, MatrixFixture.OwningTeam);
        var memberClient = app.Client(member.Token);
        return
        [
            new("outsider", null, OrgRole.Viewer),
            new("viewer", (await app.CreateUserAsync(OrgRole.Viewer)).Token, OrgRole.Viewer),
            new("member of another team", (await app.CreateUserAsync(OrgRole.Member, MatrixFixture.OtherTeam)).Token, OrgRole.Member),
            new("member of the owning team", member.Token, OrgRole.Member, InOwningTeam: true),
            new("admin", (await app.CreateUserAsync(OrgRole.Admin)).Token, OrgRole.Admin),
            new("owner", (await app.CreateUserAsync(OrgRole.Owner)).Token, OrgRole.Owner),
            new("owning team's token", await fixture.TeamTokenAsync(MatrixFixture.OwningTeam, "write"), OrgRole.Member, InOwningTeam: true, TeamToken: true),
            new("other team's token", await fixture.TeamTokenAsync(MatrixFixture.OtherTeam, "write"), OrgRole.Member, TeamToken: true),
            new("person's ingest token", await MatrixFixture.PersonalTokenAsync(memberClient, "ingest"), OrgRole.Member, InOwningTeam: true, Ingest: true),
            new("team's ingest token", await fixture.TeamTokenAsync(MatrixFixture.OwningTeam, "ingest"), OrgRole.Member, InOwningTeam: true, TeamToken: true, Ingest: true),
        ];
    }

    // 401 for strangers; otherwise whether the caller should get through, from the policy, the
    // token's kind and, for calls that change what the fixture team owns, membership.
    private static bool? Expect(string operation, IReadOnlyCollection<string> named, string policy, Caller caller, bool guarded)
    {
        if (caller.Token is null)
        {
            return null;
        }
        if (caller.Ingest && policy != Policies.Ingest)
        {
            return false;
        }
        if (caller.TeamToken && (named.Contains(Policies.Person) || MintTokens.Contains(operation)))
        {
            return false;
        }
        if (PersonalData.Any(p => operation.Contains(p, StringComparison.Ordinal)) && caller.Role is not (OrgRole.Admin or OrgRole.Owner))
        {
            return false;
        }
        var changesOwned = guarded && caller.Role is not (OrgRole.Admin or OrgRole.Owner);
        return Allowed[policy].Contains(caller.Role) && (!changesOwned || (caller.Role == OrgRole.Member && caller.InOwningTeam));
    }

    // Allowed: the given status if there is one (owned calls), else not 401/403/5xx. Refused: 403.
    private static void Check(List<string> failures, string what, int status, bool? allowed, int? allowedStatus)
    {
        var (ok, expected) = allowed switch
        {
            null => (status == 401, "401"),
            false => (status == 403, "403"),
            true when allowedStatus is { } exact => (status == exact, exact.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            true => (status is not (401 or 403) and < 500, "not 401/403/5xx"),
        };
        if (!ok)
        {
            failures.Add($"{what}: {status}, expected {expected}");
        }
    }

    private static async Task<List<(string Method, string Path)>> OperationsAsync(UnyoApp app)
    {
        using var document = JsonDocument.Parse(await app.Client().GetStringAsync("openapi/v1.json"));
        return [.. document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (o.Name.ToUpperInvariant(), p.Name)))];
    }

    // "METHOD /path" as OpenAPI writes it (no trailing slash, no route constraints) → named policies.
    private static Dictionary<string, IReadOnlyCollection<string>> Policies_(UnyoApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(PublicEndpoints.IsWalked)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Key: $"{m} {Normalize(e.RoutePattern.RawText!)}", e)))
            .ToDictionary(x => x.Key, x => (IReadOnlyCollection<string>)[.. x.e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct()]);

    private static string? Strictest(IReadOnlyCollection<string> named) =>
        new[] { Policies.Admin, Policies.Write, Policies.Ingest, Policies.Read }.FirstOrDefault(named.Contains);

    private static string Normalize(string route) => Constraint().Replace(route.TrimEnd('/'), "}");

    private static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), Parameter().Replace(path, m => m.Groups[1].Value switch
    {
        "id" => Guid.NewGuid().ToString(),
        "email" => "nobody@example.test",
        _ => "no-such-object",
    }).TrimStart('/'))
    {
        // Apply is a read for planning (viewers may dry-run); applying for real is an owned call.
        Content = method is "GET" ? null : new StringContent(path == "/api/v1/apply" ? """{"dryRun":true}""" : "{}", Encoding.UTF8, "application/json"),
    };

    [GeneratedRegex(@":[a-z]+\}")]
    private static partial Regex Constraint();

    [GeneratedRegex(@"\{([a-zA-Z]+)\}")]
    private static partial Regex Parameter();
}
