using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Unyo.BrowserTests;

// A website on 127.0.0.1 for checks to probe: "/" answers with Status, which a test may change.
public sealed class TargetSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TargetSite(WebApplication app) => _app = app;

    public volatile int Status = 200;

    public Uri Url { get; private set; } = null!;

    public static async Task<TargetSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var site = new TargetSite(app);
        app.MapGet("/", async () =>
        {
            // A few milliseconds, so the latency chart has something to draw.
            await Task.Delay(Random.Shared.Next(5, 25));
            return Results.Text($"status {site.Status}", statusCode: site.Status);
        });
        await app.StartAsync();
        site.Url = new Uri(app.Urls.First());
        return site;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
