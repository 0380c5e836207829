using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Features.Accounts;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Accounts;

/// Walks every API endpoint the app maps: an outsider gets 401 everywhere, and a viewer gets 403
/// on everything that writes. New endpoints are covered without touching this test.
public sealed class EndpointAuthorizationTests(Servers servers)
{
    // Writes a viewer may make on purpose: their own API tokens, planning an apply, and their own
    // second factor (everyone must be able to enrol, whatever their role).
    private static readonly HashSet<string> ViewerMayWrite =
    [
        "POST /api/v1/tokens/", "DELETE /api/v1/tokens/{id:guid}", "POST /api/v1/tokens/{id:guid}/rotate",
        "POST /api/v1/me/mfa/totp", "POST /api/v1/me/mfa/totp/confirm", "POST /api/v1/me/mfa/recovery-codes", "DELETE /api/v1/me/mfa/",
        "DELETE /api/v1/me/sessions/{id:guid}", "DELETE /api/v1/me/sessions/",
        // A POST that only reads: it routes a sample alert and changes nothing.
        "POST /api/v1/alert-routes/preview",
    ];

    // Probe agents' endpoints take only a location's agent token: any API token, a viewer's too,
    // is a stranger there (401), not a caller without the role (403).
    private static readonly HashSet<string> AgentOnly = ["GET /api/v1/probe/assignments", "POST /api/v1/probe/results"];

    // Alert intake from monitoring tools: the integration key in the path is the credential and
    // API tokens mean nothing there. Anyone with an unknown key, outsider or owner, gets 404.
    private static readonly HashSet<string> KeyOnly = ["POST /api/v1/integrations/alertmanager/{key}", "POST /api/v1/integrations/webhook/{key}", "POST /api/v1/alerts"];

    private static List<(string Method, string Route)> ApiEndpoints(UnyoApp app) =>
        [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal) || e.RoutePattern.RawText.StartsWith("/v1/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, e.RoutePattern.RawText!)))
            .Distinct()];

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

    [Theory, DatabaseData]
    public async Task EveryApiEndpointDemandsAuthorization(string provider)
    {
        var app = await servers.GetAsync(provider);
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal)).ToList();

        Assert.True(endpoints.Count >= 20, $"only {endpoints.Count} API endpoints found");
        var (open, guarded) = (endpoints.Where(IsKeyOnly).ToList(), endpoints.Where(e => !IsKeyOnly(e)).ToList());
        Assert.All(guarded, e => Assert.NotEmpty(e.Metadata.GetOrderedMetadata<IAuthorizeData>()));
        Assert.Equal(KeyOnly.Count, open.Count);
        Assert.All(open, e => Assert.NotNull(e.Metadata.GetMetadata<IAllowAnonymous>()));
    }

    private static bool IsKeyOnly(RouteEndpoint endpoint) =>
        (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Any(m => KeyOnly.Contains($"{m} {endpoint.RoutePattern.RawText}"));

    [Theory, DatabaseData]
    public async Task AnOutsiderGets401FromEveryApiEndpoint(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var anonymous = app.Client();
        using var badToken = app.Client("unyo_not_a_real_token_at_all");

        foreach (var (method, route) in ApiEndpoints(app))
        {
            if (KeyOnly.Contains($"{method} {route}"))
            {
                var unknown = await anonymous.SendAsync(Request(method, route));
                Assert.True(unknown.StatusCode == HttpStatusCode.NotFound, $"{method} {route} answered {(int)unknown.StatusCode} to an unknown key");
                Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
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
        var writes = ApiEndpoints(app).Where(e => e.Method != "GET" && !ViewerMayWrite.Contains($"{e.Method} {e.Route}") && !KeyOnly.Contains($"{e.Method} {e.Route}")).ToList();

        Assert.NotEmpty(writes);
        foreach (var (method, route) in writes)
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
