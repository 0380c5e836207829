using System.Net;
using Unyo.Client;
using Unyo.Hosting;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Hosting;

/// Behind a reverse proxy that ends TLS: with the proxy trusted (UNYO_TRUSTED_PROXIES), the
/// scheme and client address come from its X-Forwarded-* headers; from anyone else they are
/// ignored, and by default no one is trusted.
public sealed class ReverseProxyTests(Servers servers)
{
    private static readonly Dictionary<string, string> BehindProxy = new()
    {
        [TrustedProxies.Setting] = "10.0.0.0/8, 127.0.0.0/8",
        ["UNYO_PUBLIC_URL"] = "https://unyo.example.test/",
    };

    [Theory, DatabaseData]
    public async Task ATrustedProxysHttpsMakesCookiesSecureSendsHstsAndGivesTheClientsAddress(string provider)
    {
        var app = await servers.GetIsolatedAsync(provider, "reverse-proxy", BehindProxy);
        var secret = $"unyo_{Guid.NewGuid():N}";

        var page = await SendAsync(app, "signin", forwardedFor: "203.0.113.7");
        await SendAsync(app, "api/v1/teams", forwardedFor: "198.51.100.9, 10.1.2.3", token: secret);
        var refused = (await (await app.Admin().GetAsync($"api/v1/audit?kind=ApiToken&name={secret[..12]}")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK)).Items.Single();
        var idp = Names.Unique("idp");
        var created = await (await app.Admin().PostJsonAsync("api/v1/sso/providers", new IdentityProviderRequest { Name = idp, Issuer = "https://login.example.test", ClientId = "unyo", ClientSecret = "s" }))
            .ReadAsync<IdentityProviderResponse>(HttpStatusCode.Created);

        Assert.Equal("max-age=31536000", page.Headers.GetValues("Strict-Transport-Security").Single());
        var cookie = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        // The chain is walked back past trusted proxies (10.1.2.3) to the first address that is not one.
        Assert.Equal("198.51.100.9", refused.Ip);
        Assert.Equal($"https://unyo.example.test/signin/sso/{idp}/callback", created.RedirectUri);
    }

    [Theory, DatabaseData]
    public async Task ForwardedHeadersFromAnUntrustedSenderAreIgnored(string provider)
    {
        // The shared servers trust no proxy: the default.
        var app = await servers.GetAsync(provider);
        var secret = $"unyo_{Guid.NewGuid():N}";

        var page = await SendAsync(app, "signin", forwardedFor: "203.0.113.7");
        await SendAsync(app, "api/v1/teams", forwardedFor: "203.0.113.7", token: secret);
        var refused = (await (await app.Admin().GetAsync($"api/v1/audit?kind=ApiToken&name={secret[..12]}")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK)).Items.Single();

        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain(page.Headers.GetValues("Set-Cookie"), c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("127.0.0.1", refused.Ip);
    }

    [Fact]
    public void AnEntryThatIsNeitherAnAddressNorARangeStopsTheStart()
    {
        var (addresses, networks) = TrustedProxies.Parse(" 192.0.2.1, 10.0.0.0/8 ,::1");
        var refused = Assert.Throws<InvalidOperationException>(() => TrustedProxies.Parse("10.0.0.0/8, proxy.internal"));

        Assert.Equal([IPAddress.Parse("192.0.2.1"), IPAddress.IPv6Loopback], addresses);
        Assert.Equal([System.Net.IPNetwork.Parse("10.0.0.0/8")], networks);
        Assert.Contains("'proxy.internal'", refused.Message, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SendAsync(UnyoApp app, string path, string forwardedFor, string? token = null)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        request.Headers.Add("X-Forwarded-Proto", "https");
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
