using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Unyo.IntegrationTests.Notifications;

/// A receiver on 127.0.0.1 for every HTTP channel kind: records each request and answers with
/// Status (and Retry-After when set). Started on a given port, it can stand in for a receiver
/// that was down and came back at the same address.
public sealed class HttpReceiver : IAsyncDisposable
{
    public sealed record Received(string Method, string Path, Dictionary<string, string> Headers, string Body);

    private readonly WebApplication _app;

    private HttpReceiver(WebApplication app) => _app = app;

    public volatile int Status = 200;
    public volatile string? RetryAfter;
    public volatile string Answer = "ok";

    public ConcurrentQueue<Received> Requests { get; } = new();

    public Uri Url { get; private set; } = null!;

    public static async Task<HttpReceiver> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var receiver = new HttpReceiver(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            receiver.Requests.Enqueue(new Received(
                context.Request.Method, context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));
            context.Response.StatusCode = receiver.Status;
            if (receiver.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }
            await context.Response.WriteAsync(receiver.Answer);
        });
        await app.StartAsync();
        receiver.Url = new Uri(app.Urls.First());
        return receiver;
    }

    /// A port on 127.0.0.1 that nothing listens on now, for a receiver that is down.
    public static int FreePort()
    {
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public Received Single()
    {
        Assert.Single(Requests);
        Assert.True(Requests.TryDequeue(out var received));
        return received;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
