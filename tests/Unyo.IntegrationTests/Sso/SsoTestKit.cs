using System.Net;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.TestOidc;

namespace Unyo.IntegrationTests.Sso;

/// A browser stand-in: an HttpClient with a cookie jar that follows redirects one by one (between
/// Unyo and the test provider), remembering every URL it visited.
public sealed class SsoBrowser(UnyoApp app) : IDisposable
{
    public CookieContainer Cookies { get; } = new();
    public List<Uri> Visited { get; } = [];
    private HttpClient? _client;

    public HttpClient Client => _client ??= new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = app.Address };

    /// Starts "Sign in with …" and follows redirects to the end; returns the last response.
    public Task<HttpResponseMessage> SignInAsync(string provider, string? returnUrl = null) =>
        FollowAsync(new Uri(app.Address, $"signin/sso/{provider}" + (returnUrl is null ? "" : $"?returnUrl={Uri.EscapeDataString(returnUrl)}")));

    public async Task<HttpResponseMessage> FollowAsync(Uri url, int stopAtHop = int.MaxValue)
    {
        for (var hop = 0; hop < 10; hop++)
        {
            Visited.Add(url);
            var response = await Client.GetAsync(url);
            if (response.Headers.Location is not { } location || hop == stopAtHop)
            {
                return response;
            }
            url = location.IsAbsoluteUri ? location : new Uri(url, location);
        }
        throw new InvalidOperationException("more than 10 redirects: " + string.Join(" → ", Visited));
    }

    /// The URL the provider sent the browser back to, with code and state.
    public Uri Callback => Visited.Last(u => u.AbsolutePath.EndsWith("/callback", StringComparison.Ordinal));

    public Uri Final => Visited[^1];

    public void Dispose() => _client?.Dispose();
}

public static class SsoTestKit
{
    /// Registers the test provider in Unyo under a unique name; returns the name.
    public static async Task<string> AddProviderAsync(UnyoApp app, TestOidcProvider idp, bool jit = false, string? jitRole = null, params GroupMapping[] mappings)
    {
        var name = Names.Unique("idp");
        var response = await app.Admin().PostJsonAsync("api/v1/sso/providers", new IdentityProviderRequest
        {
            Name = name, DisplayName = "Test IdP", Issuer = idp.Issuer, ClientId = idp.ClientId, ClientSecret = idp.ClientSecret,
            JitProvisioning = jit, JitRole = jitRole, GroupMappings = mappings,
        });
        await response.ReadAsync<IdentityProviderResponse>(HttpStatusCode.Created);
        return name;
    }

    /// A person Unyo knows, made through the API.
    public static async Task<UserResponse> AddPersonAsync(UnyoApp app, string email, string role = "member") =>
        await (await app.Admin().PostJsonAsync("api/v1/users", new CreateUserRequest { Email = email, Password = "a long enough password", Role = role }))
            .ReadAsync<UserResponse>(HttpStatusCode.Created);

    public static string Email() => $"sso-{Guid.NewGuid():N}@example.test";

    /// The reasons of the failed single sign-on attempts recorded for a provider, oldest first.
    public static List<string> FailureReasons(UnyoApp app, string provider) => app.WithDb(db => db.AuditRecords.AsNoTracking()
        .Where(r => r.Action == "signin.sso-failed" && r.ObjectName == provider).OrderBy(r => r.Id).Select(r => r.After!).ToList());

    public static async Task<UserResponse?> MeAsync(SsoBrowser browser)
    {
        var response = await browser.Client.GetAsync("api/v1/me");
        return response.StatusCode == HttpStatusCode.Unauthorized ? null : await response.ReadAsync<UserResponse>(HttpStatusCode.OK);
    }
}
