using System.Collections.Concurrent;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Unyo.Features.Accounts.Sso;

// Reads and caches each issuer's discovery document and signing keys (JWKS). The library's
// ConfigurationManager caches and refreshes them in the background; when an ID token names a key
// the cache does not have (the provider rotated keys), FetchFreshAsync reads them anew at once.
public sealed class OidcDiscovery : IDisposable
{
    private readonly ConcurrentDictionary<string, ConfigurationManager<OpenIdConnectConfiguration>> _managers = new(StringComparer.Ordinal);

    // One client for discovery and token requests: pooled connections are renewed every few
    // minutes so a provider's changed DNS is followed; redirects are not followed (a token
    // endpoint has no business redirecting a POST that carries the client secret).
    public HttpClient Http { get; } = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    public async Task<OpenIdConnectConfiguration> GetAsync(string issuer, CancellationToken cancellationToken)
    {
        var manager = _managers.GetOrAdd(issuer, Create);
        try
        {
            return await manager.GetConfigurationAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Forget a manager that never got a document, so the next sign-in tries again at once.
            _managers.TryRemove(issuer, out _);
            throw;
        }
    }

    public async Task<OpenIdConnectConfiguration> FetchFreshAsync(string issuer, CancellationToken cancellationToken)
    {
        var fresh = await OpenIdConnectConfigurationRetriever.GetAsync(MetadataAddress(issuer), Retriever(issuer), cancellationToken);
        if (_managers.TryGetValue(issuer, out var manager))
        {
            manager.RequestRefresh();
        }
        return fresh;
    }

    public static string MetadataAddress(string issuer) => issuer.TrimEnd('/') + "/.well-known/openid-configuration";

    private ConfigurationManager<OpenIdConnectConfiguration> Create(string issuer) =>
        new(MetadataAddress(issuer), new OpenIdConnectConfigurationRetriever(), Retriever(issuer));

    // Validation allows plain http only for loopback issuers; the retriever follows that rule.
    private HttpDocumentRetriever Retriever(string issuer) =>
        new(Http) { RequireHttps = !new Uri(issuer).IsLoopback };

    public void Dispose() => Http.Dispose();
}
