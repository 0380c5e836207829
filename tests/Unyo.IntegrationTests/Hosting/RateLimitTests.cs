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
        var app = await servers.GetIsolatedAsync(provider, "rate-limit", Tight);
        var greedy = await app.CreateUserAsync(OrgRole.Viewer);
        var polite = await app.CreateUserAsync(OrgRole.Viewer);
        using var client = app.Client(greedy.Token);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await client.GetAsync("api/v1/me"));
        }

        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        // The bucket holds 3 and refills 1 a second: at least two of six quick calls are refused.
        Assert.InRange(refused.Count, 2, 3);
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
        var app = await servers.GetIsolatedAsync(provider, "rate-limit", Tight);
        using var anonymous = app.Client();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await anonymous.GetAsync("api/v1/services")).StatusCode);
        }

        Assert.Contains(HttpStatusCode.Unauthorized, statuses);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }
}
