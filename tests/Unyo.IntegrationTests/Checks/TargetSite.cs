using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Unyo.IntegrationTests.Checks;

/// A website on 127.0.0.1 that checks probe: "/" answers with Status (settable), "/ping" always 200.
public sealed class TargetSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TargetSite(WebApplication app) => _app = app;

    public volatile int Status = 200;
    public int Requests;

    public Uri Url { get; private set; } = null!;

    public static async Task<TargetSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var site = new TargetSite(app);
        app.MapGet("/", () =>
        {
            Interlocked.Increment(ref site.Requests);
            return Results.Text($"status {site.Status}", statusCode: site.Status);
        });
        await app.StartAsync();
        site.Url = new Uri(app.Urls.First());
        return site;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
