using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Features.Accounts;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Accounts;

/// Walks every endpoint the app maps, under /api or not (PublicEndpoints lists what is left out
/// and why): an outsider gets 401 everywhere but where a key, secret URL or signed link is the
/// credential, and a viewer gets 403 on everything that writes. New endpoints are covered
/// without touching this test.
public sealed class EndpointAuthorizationTests(Servers servers)
{
    // Writes a viewer may make on purpose: their own API tokens, planning an apply, and their own
    // second factor (everyone must be able to enrol, whatever their role).
    private static readonly HashSet<string> ViewerMayWrite =
    [
        "POST /api/v1/tokens/", "DELETE /api/v1/tokens/{id:guid}", "POST /api/v1/tokens/{id:guid}/rotate",
        "POST /api/v1/me/mfa/totp", "POST /api/v1/me/mfa/totp/confirm", "POST /api/v1/me/mfa/recovery-codes", "DELETE /api/v1/me/mfa/",
        "DELETE /api/v1/me/sessions/{id:guid}", "DELETE /api/v1/me/sessions/",
        // Their own on-call calendar feed URL, and their own time zone and working hours (the
        // handler refuses anyone else's).
        "POST /api/v1/me/oncall-feed", "PUT /api/v1/users/{email}/oncall-profile",
        // A POST that only reads: it routes a sample alert and changes nothing.
        "POST /api/v1/alert-routes/preview",
    ];

    // Probe agents' endpoints take only a location's agent token: any API token, a viewer's too,
    // is a stranger there (401), not a caller without the role (403).
    private static readonly HashSet<string> AgentOnly = ["GET /api/v1/probe/assignments", "POST /api/v1/probe/results"];

    private static string Fill(string route) => System.Text.RegularExpressions.Regex.Replace(route, @"\{([^}]+)\}", m => m.Groups[1].Value switch
    {
        "id:guid" => Guid.NewGuid().ToString(),
        "id:long" => "1",
        "email" => "someone@example.test",
        _ => "some-name",
    }).TrimStart('/');

    private static HttpRequestMessage Request(string method, string route) => new(new HttpMethod(method), Fill(route))
    {
        // A body that binds for apply, so the handler's own refusal is what answers.
        Content = method is "GET" or "DELETE" ? null : new StringContent("{\"files\":[{\"name\":\"a.yaml\",\"content\":\"apiVersion: unyo.dev/v1\"}]}", Encoding.UTF8, "application/json"),
    };

    // Every route but pages and the operational ones (PublicEndpoints says which and why), under
    // /api or not: either it states a policy, or it is listed with the credential it takes instead.
    [Theory, DatabaseData]
    public async Task EveryEndpointDemandsAuthorization(string provider)
    {
        var app = await servers.GetAsync(provider);
        var endpoints = PublicEndpoints.Walked(app);
        var operations = endpoints.Select(e => $"{e.Method} {e.Route}").ToHashSet();

        Assert.True(endpoints.Count >= 100, $"only {endpoints.Count} endpoints found");
        Assert.Contains("POST /v1/metrics", operations);
        foreach (var (method, route, endpoint) in endpoints)
        {
            var anonymous = PublicEndpoints.IsAnonymous($"{method} {route}");
            Assert.True(anonymous == (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null), $"{method} {route}: {(anonymous ? "listed as anonymous but does not allow anonymous callers" : "allows anonymous callers but is in no list of PublicEndpoints")}");
            Assert.True(anonymous || endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0, $"{method} {route} states no policy");
        }
        // The lists name only what exists: a renamed endpoint leaves no stale entry behind.
        var listed = PublicEndpoints.KeyOnly.Concat(PublicEndpoints.SecretUrl).Concat(PublicEndpoints.SignedLink).Concat(PublicEndpoints.SignInFlow);
        Assert.All(listed, operation => Assert.Contains(operation, operations));
    }

    // The role matrix walks the OpenAPI document; what is left out of it must be listed here.
    [Theory, DatabaseData]
    public async Task EveryEndpointOutsideTheOpenApiDocumentIsABrowserFlow(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var document = System.Text.Json.JsonDocument.Parse(await app.Client().GetStringAsync("openapi/v1.json"));
        var described = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => $"{o.Name.ToUpperInvariant()} {p.Name}")).ToHashSet();

        var undescribed = PublicEndpoints.Walked(app).Select(e => $"{e.Method} {Normalize(e.Route)}").Where(o => !described.Contains(o)).Order(StringComparer.Ordinal);

        // Public status pages are for people and feed readers, not API clients (docs/status-pages.md).
        Assert.Equal(PublicEndpoints.SignedLink.Concat(PublicEndpoints.SignInFlow).Concat(PublicEndpoints.StatusPublic.Select(o => o.TrimEnd('/'))).Order(StringComparer.Ordinal), undescribed);
    }

    private static string Normalize(string route) => System.Text.RegularExpressions.Regex.Replace(route.TrimEnd('/'), @":[a-z]+\}", "}");

    [Theory, DatabaseData]
    public async Task AnOutsiderGets401FromEveryEndpoint(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.Address };
        using var badToken = app.Client("unyo_not_a_real_token_at_all");

        foreach (var (method, route, _) in PublicEndpoints.Walked(app))
        {
            if (PublicEndpoints.IsAnonymous($"{method} {route}"))
            {
                var unknown = await anonymous.SendAsync(PublicEndpoints.Request(method, route, Fill(route)));
                var expected = PublicEndpoints.Refusal($"{method} {route}");
                Assert.True(unknown.StatusCode == expected, $"{method} {route} answered {(int)unknown.StatusCode} to a wrong credential, expected {(int)expected}");
                continue;
            }
            var response = await anonymous.SendAsync(Request(method, route));
            var withBadToken = await badToken.SendAsync(Request(method, route));
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {route} answered {(int)response.StatusCode} without credentials");
            Assert.True(withBadToken.StatusCode == HttpStatusCode.Unauthorized, $"{method} {route} answered {(int)withBadToken.StatusCode} to a bad token");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Theory, DatabaseData]
    public async Task AViewerCannotWriteThroughAnyEndpoint(string provider)
    {
        var app = await servers.GetAsync(provider);
        var viewer = await app.CreateUserAsync(OrgRole.Viewer);
        using var client = app.Client(viewer.Token);
        var writes = PublicEndpoints.Walked(app).Where(e => e.Method is not ("GET" or "HEAD") && !ViewerMayWrite.Contains($"{e.Method} {e.Route}") && !PublicEndpoints.IsAnonymous($"{e.Method} {e.Route}")).ToList();

        Assert.NotEmpty(writes);
        foreach (var (method, route, _) in writes)
        {
            var response = await client.SendAsync(Request(method, route));
            var expected = AgentOnly.Contains($"{method} {route}") ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
            Assert.True(response.StatusCode == expected, $"{method} {route} answered {(int)response.StatusCode} to a viewer");
        }
    }

    [Theory, DatabaseData]
    public async Task AViewerCanReadEveryListEndpoint(string provider)
    {
        var app = await servers.GetAsync(provider);
        var viewer = await app.CreateUserAsync(OrgRole.Viewer);
        using var client = app.Client(viewer.Token);

        foreach (var url in new[] { "api/v1/services", "api/v1/teams", "api/v1/users", "api/v1/me", "api/v1/me/mfa", "api/v1/organisation", "api/v1/tokens", "api/v1/export" })
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode} to a viewer");
        }
    }

    [Theory, DatabaseData]
    public async Task EveryPageSendsAnOutsiderToSignIn(string provider)
    {
        var app = await servers.GetAsync(provider);
        var pages = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(e => e.RoutePattern.RawText!)
            .ToList();
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.Address };

        Assert.True(pages.Count >= 7, $"only {pages.Count} pages found");
        foreach (var page in pages)
        {
            var response = await anonymous.GetAsync(Fill(page));
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"GET {page} answered {(int)response.StatusCode} without a session");
            Assert.StartsWith("/signin", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        }
    }
}
