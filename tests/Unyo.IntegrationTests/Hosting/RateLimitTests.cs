using System.Net;
using Unyo.Features.Accounts;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Hosting;

public sealed class RateLimitTests(Servers servers)
{
    private static readonly Dictionary<string, string> Tight = new()
    {
        ["UNYO_API_RATE_LIMIT"] = "1",
        ["UNYO_API_RATE_BURST"] = "3",
    };

    [Theory, DatabaseData]
    public async Task ACallerOverItsBudgetGets429WithRetryAfterWhileOthersGoOn(string provider)
    {
        // Each test has a server of its own: they would otherwise share the loopback address's bucket.
        var app = await servers.GetIsolatedAsync(provider, "rate-limit-token", Tight);
        var greedy = await app.CreateUserAsync(OrgRole.Viewer);
        var polite = await app.CreateUserAsync(OrgRole.Viewer);
        using var client = app.Client(greedy.Token);

        // The bucket holds 3 and refills 1 a second: the first three pass, and calls in quick
        // succession meet a 429 well before twenty (only a machine taking ~1 s a call could refill
        // as fast as this spends).
        var answers = new List<HttpResponseMessage>();
        while (answers.Count < 20 && answers.All(a => a.StatusCode != HttpStatusCode.TooManyRequests))
        {
            answers.Add(await client.GetAsync("api/v1/me"));
        }

        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Single(refused);
        Assert.All(answers.Take(3), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.True(int.Parse(refused[0].Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        var problem = await refused[0].ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Empty(problem);

        // Another token has its own bucket; health and metrics are never limited.
        Assert.Equal(HttpStatusCode.OK, (await app.Client(polite.Token).GetAsync("api/v1/me")).StatusCode);
        using var anonymous = app.Client();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("healthz")).StatusCode);
        }
        Assert.Contains("unyo_http_rate_limited_total{caller=\"token\"}", await anonymous.GetStringAsync("metrics"));
    }

    [Theory, DatabaseData]
    public async Task UnauthenticatedCallersAreLimitedByAddress(string provider)
    {
        var app = await servers.GetIsolatedAsync(provider, "rate-limit-address", Tight);
        using var anonymous = app.Client();

        var statuses = new List<HttpStatusCode>();
        while (statuses.Count < 20 && !statuses.Contains(HttpStatusCode.TooManyRequests))
        {
            statuses.Add((await anonymous.GetAsync("api/v1/services")).StatusCode);
        }

        Assert.Contains(HttpStatusCode.Unauthorized, statuses);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    // PagerDuty-compatible events come from monitoring tools without a token: one sender's flood
    // is held to its address's budget, answered the way PagerDuty answers, with Retry-After.
    [Theory, DatabaseData]
    public async Task PagerDutyStyleEventsAreLimitedByAddressWithAPagerDutyThrottleAnswer(string provider)
    {
        var app = await servers.GetIsolatedAsync(provider, "rate-limit-v2", Tight);
        using var anonymous = app.Client();

        var answers = new List<HttpResponseMessage>();
        while (answers.Count < 20 && answers.All(a => a.StatusCode != HttpStatusCode.TooManyRequests))
        {
            answers.Add(await anonymous.PostAsync("v2/enqueue", new StringContent("{\"routing_key\":\"unknown\"}", System.Text.Encoding.UTF8, "application/json")));
        }

        var throttled = answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.True(answers.Take(3).All(a => a.StatusCode == HttpStatusCode.BadRequest));
        Assert.True(throttled.Headers.Contains("Retry-After"));
        Assert.Contains("\"status\":\"throttle event\"", await throttled.Content.ReadAsStringAsync());
    }
}
