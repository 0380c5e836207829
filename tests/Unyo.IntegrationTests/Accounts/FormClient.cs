using System.Net;
using System.Text.RegularExpressions;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Accounts;

/// Posts the server-rendered forms as a browser without JavaScript would: it keeps cookies, sends
/// the page's anti-forgery token and form name back, and does not follow redirects.
public sealed partial class FormClient : IDisposable
{
    private readonly CookieContainer _cookies = new();
    private readonly Uri _address;

    public FormClient(UnyoApp app)
    {
        _address = app.Address;
        Http = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false }) { BaseAddress = app.Address };
    }

    public HttpClient Http { get; }

    /// The last page fetched or answered, whose hidden fields the next post sends back.
    public string Html { get; private set; } = "";

    public bool HasSession => _cookies.GetCookies(_address).Any(c => c.Name == "unyo.session");

    public string? Cookie => _cookies.GetCookies(_address)["unyo.session"]?.Value;

    public async Task<HttpResponseMessage> GetAsync(string url)
    {
        var response = await Http.GetAsync(url);
        Html = await response.Content.ReadAsStringAsync();
        return response;
    }

    public async Task<HttpResponseMessage> PostAsync(string url, string formName, params (string Name, string Value)[] fields)
    {
        var token = Hidden("__RequestVerificationToken") ?? throw new InvalidOperationException("The page has no anti-forgery token.");
        var content = new FormUrlEncodedContent([new("_handler", formName), new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);
        var response = await Http.PostAsync(url, content);
        Html = await response.Content.ReadAsStringAsync();
        return response;
    }

    /// The password step of /signin; answers the page of the second step when a code is due.
    public async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        await GetAsync("signin");
        return await PostAsync("signin", "signin", ("Email", email), ("Password", password));
    }

    public Task<HttpResponseMessage> SendCodeAsync(string code, string? ticket = null) =>
        PostAsync("signin", "signin-code", ("Ticket", ticket ?? Hidden("Ticket") ?? ""), ("Code", code));

    public string? Hidden(string name) =>
        HiddenInput().Matches(Html).FirstOrDefault(m => m.Groups["name"].Value == name)?.Groups["value"].Value is { } value ? WebUtility.HtmlDecode(value) : null;

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();
}
