using System.Net;
using System.Text.Json;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Hosting;

public sealed class OperationalEndpointTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task HealthReadinessMetricsAndOpenApiAnswerWithoutSignIn(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var client = app.Client();
        (await app.Admin().GetAsync("api/v1/services")).EnsureSuccessStatusCode();

        var health = await client.GetAsync("healthz");
        var ready = await client.GetAsync("readyz");
        var metrics = await client.GetStringAsync("metrics");
        var openApi = JsonDocument.Parse(await client.GetStringAsync("openapi/v1.json"));

        Assert.Equal((HttpStatusCode.OK, "Healthy"), (health.StatusCode, await health.Content.ReadAsStringAsync()));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (ready.StatusCode, await ready.Content.ReadAsStringAsync()));
        Assert.Contains("http_requests_received_total", metrics);
        Assert.Contains("unyo_worker_runs_total", metrics);
        var paths = openApi.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/services", paths);
        Assert.Contains("/api/v1/apply", paths);
    }

    [Theory, DatabaseData]
    public async Task UnknownApiRoutesAnswerWithProblemDetails(string provider)
    {
        var app = await servers.GetAsync(provider);

        var response = await app.Admin().GetAsync("api/v1/no-such-thing");

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }
}
