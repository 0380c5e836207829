using System.Net;
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

/// Every operation in the OpenAPI document, called by every role: outsider, viewer, member,
/// admin, owner. Each operation must state a policy, and each role must get exactly what the
/// policy grants. Requests are harmless (unknown names, empty bodies), so an allowed call answers
/// 400 or 404 from the handler and a refused one 401 or 403 from authorization. Ownership within
/// a role (a member of the owning team or of another) is tested in TeamOwnershipTests and ApplyTests.
public sealed partial class RoleMatrixTests(Servers servers)
{
    private static readonly Dictionary<string, OrgRole[]> Allowed = new()
    {
        [Policies.Read] = [OrgRole.Viewer, OrgRole.Member, OrgRole.Admin, OrgRole.Owner],
        [Policies.Write] = [OrgRole.Member, OrgRole.Admin, OrgRole.Owner],
        [Policies.Admin] = [OrgRole.Admin, OrgRole.Owner],
    };

    [Theory, DatabaseData]
    public async Task EveryOperationInTheOpenApiDocumentAnswersEveryRoleAsItsPolicySays(string provider)
    {
        // A server of its own: the extra owner made here would change what "the last owner" means elsewhere.
        var app = await servers.GetIsolatedAsync(provider, "role-matrix");
        var operations = await OperationsAsync(app);
        var policies = Policies_(app);
        var tokens = new Dictionary<OrgRole, string>();
        foreach (var role in new[] { OrgRole.Viewer, OrgRole.Member, OrgRole.Admin, OrgRole.Owner })
        {
            tokens[role] = (await app.CreateUserAsync(role)).Token;
        }
        var failures = new List<string>();

        Assert.True(operations.Count >= 30, $"only {operations.Count} operations in the OpenAPI document");
        foreach (var (method, path) in operations)
        {
            if (!policies.TryGetValue($"{method} {path}", out var policy))
            {
                failures.Add($"{method} {path}: states no read/write/admin policy");
                continue;
            }
            var outsider = await app.Client().SendAsync(Request(method, path));
            if (outsider.StatusCode != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{method} {path} [{policy}] outsider: {(int)outsider.StatusCode}, expected 401");
            }
            foreach (var (role, token) in tokens)
            {
                var response = await app.Client(token).SendAsync(Request(method, path));
                var status = (int)response.StatusCode;
                var allowed = Allowed[policy].Contains(role);
                if (allowed ? status is 401 or 403 or >= 500 : status != 403)
                {
                    failures.Add($"{method} {path} [{policy}] {role.ToName()}: {status}, expected {(allowed ? "not 401/403/5xx" : "403")}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static async Task<List<(string Method, string Path)>> OperationsAsync(UnyoApp app)
    {
        using var document = JsonDocument.Parse(await app.Client().GetStringAsync("openapi/v1.json"));
        return [.. document.RootElement.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (o.Name.ToUpperInvariant(), p.Name)))];
    }

    // "METHOD /path" as OpenAPI writes it (no trailing slash, no route constraints) → policy.
    private static Dictionary<string, string> Policies_(UnyoApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Key: $"{m} {Normalize(e.RoutePattern.RawText!)}", e)))
            .ToDictionary(x => x.Key, x => StrictestPolicy(x.e));

    private static string StrictestPolicy(RouteEndpoint endpoint)
    {
        var named = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList();
        return named.Contains(Policies.Admin) ? Policies.Admin : named.Contains(Policies.Write) ? Policies.Write : named.Contains(Policies.Read) ? Policies.Read : "none";
    }

    private static string Normalize(string route) => Constraint().Replace(route.TrimEnd('/'), "}");

    private static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), Parameter().Replace(path, m => m.Groups[1].Value switch
    {
        "id" => Guid.NewGuid().ToString(),
        "email" => "nobody@example.test",
        _ => "no-such-object",
    }).TrimStart('/'))
    {
        // Apply is a read for planning (viewers may dry-run); applying for real is tested in ApplyTests.
        Content = method is "GET" ? null : new StringContent(path == "/api/v1/apply" ? """{"dryRun":true}""" : "{}", Encoding.UTF8, "application/json"),
    };

    [GeneratedRegex(@":[a-z]+\}")]
    private static partial Regex Constraint();

    [GeneratedRegex(@"\{([a-zA-Z]+)\}")]
    private static partial Regex Parameter();
}
