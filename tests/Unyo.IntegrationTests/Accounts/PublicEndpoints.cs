using System.Net;
using System.Text;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Accounts;

/// The endpoints that take no API token and no session, each with the credential it takes
/// instead and the answer a caller with a wrong one gets; and the routes the endpoint walks
/// leave out. Every other route the app maps must state a policy: a new endpoint, under /api or
/// not, that is in none of these lists fails the walks.
internal static class PublicEndpoints
{
    // Alert intake from monitoring tools: the integration key (in the path, the
    // X-Unyo-Integration-Key header, or PagerDuty's routing_key in the body) is the credential
    // and API tokens mean nothing there. An unknown key is 404 for every caller alike.
    public static readonly HashSet<string> KeyOnly =
    [
        "POST /api/v1/integrations/alertmanager/{key}", "POST /api/v1/integrations/webhook/{key}", "POST /api/v1/alerts",
        "POST /v2/enqueue", "POST /v2/change/enqueue",
    ];

    // Heartbeat ping URLs: the secret in the path is the credential, since cron jobs call them
    // with curl. An unknown secret is 404 for every caller alike.
    public static readonly HashSet<string> SecretUrl =
    [
        .. new[] { "/ping/{token}", "/ping/{token}/start", "/ping/{token}/fail" }.SelectMany(p => new[] { $"GET {p}", $"HEAD {p}", $"POST {p}" }),
        // A person's on-call calendar feed: calendar apps subscribe by URL and send no token.
        "GET /oncall/feeds/{secret}",
    ];

    // Acknowledge and resolve links in notifications: the signature in the link is the
    // credential. A link that is not signed by this server is 404. Not in the OpenAPI document.
    public static readonly HashSet<string> SignedLink = ["GET /alerts/act/{token}", "POST /alerts/act/{token}"];

    // The browser's way in and out, not in the OpenAPI document. Single sign-on starts before
    // there is a session (an unknown provider goes back to /signin with a message); signing out
    // takes the session cookie and the page's anti-forgery token (400 without the token).
    public static readonly HashSet<string> SignInFlow = ["GET /signin/sso/{provider}", "GET /signin/sso/{provider}/callback", "POST /signout"];

    // Open to anyone by design and not walked: liveness and readiness for load balancers,
    // /metrics for Prometheus (no private data: counts only), the OpenAPI document, and the
    // framework's script for the pages. Pages are walked by EveryPageSendsAnOutsiderToSignIn.
    private static readonly HashSet<string> Operational = ["/healthz", "/readyz", "/metrics", "/openapi/{documentName}.json"];

    // Public status pages: open to anyone by design; an unknown page (or link token) is 404.
    public static readonly HashSet<string> StatusPublic =
    [
        "GET /status/{page}/", "GET /status/{page}/api/summary.json", "GET /status/{page}/feed.atom", "POST /status/{page}/subscribe",
        "GET /status/{page}/confirm/{token}", "POST /status/{page}/confirm/{token}", "GET /status/{page}/unsubscribe/{token}", "POST /status/{page}/unsubscribe/{token}",
    ];

    public static bool IsAnonymous(string operation) =>
        KeyOnly.Contains(operation) || SecretUrl.Contains(operation) || SignedLink.Contains(operation) || SignInFlow.Contains(operation) || StatusPublic.Contains(operation);

    public static bool IsWalked(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is null
        && !Operational.Contains(endpoint.RoutePattern.RawText!)
        && !endpoint.RoutePattern.RawText!.StartsWith("/_framework/", StringComparison.Ordinal);

    /// Every route endpoint the walks cover, as "METHOD route" with the route as mapped.
    public static List<(string Method, string Route, RouteEndpoint Endpoint)> Walked(UnyoApp app) =>
        [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Where(IsWalked)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, e.RoutePattern.RawText!, e)))
            .DistinctBy(x => (x.Item1, x.Item2))];

    /// What a caller with a wrong key, secret, link or no anti-forgery token gets.
    public static HttpStatusCode Refusal(string operation) =>
        SignInFlow.Contains(operation) ? (operation.StartsWith("POST", StringComparison.Ordinal) ? HttpStatusCode.BadRequest : HttpStatusCode.Redirect) : HttpStatusCode.NotFound;

    /// A request for an anonymous endpoint with a credential that matches nothing; the body is
    /// well formed, so only the credential is wrong.
    public static HttpRequestMessage Request(string method, string path, string filled) => new(new HttpMethod(method), filled)
    {
        Content = method is "GET" or "HEAD" ? null : path.StartsWith("/v2/", StringComparison.Ordinal)
            ? new StringContent("""{"routing_key":"no-such-routing-key-00000000000","event_action":"trigger","payload":{"summary":"walk","source":"walk","severity":"info"}}""", Encoding.UTF8, "application/json")
            : new StringContent("{}", Encoding.UTF8, "application/json"),
    };
}
