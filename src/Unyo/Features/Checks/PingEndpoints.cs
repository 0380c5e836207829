using Microsoft.AspNetCore.Http.HttpResults;

namespace Unyo.Features.Checks;

// /ping/{token}[/start|/fail], by GET, HEAD or POST: what cron jobs call, with curl or wget.
// Answers in plain text, since the caller is a shell script; the token is the only credential.
public static class PingEndpoints
{
    public const int MaxBody = 10_000;

    public static IEndpointRouteBuilder MapPings(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/ping").AllowAnonymous().WithTags("Checks").DisableAntiforgery();
        string[] methods = ["GET", "HEAD", "POST"];
        group.MapMethods("/{token}", methods, (string token, HttpRequest request, HeartbeatPings pings, CancellationToken cancellationToken) =>
            RecordAsync(token, HeartbeatPings.Kind.Success, request, pings, cancellationToken));
        group.MapMethods("/{token}/start", methods, (string token, HttpRequest request, HeartbeatPings pings, CancellationToken cancellationToken) =>
            RecordAsync(token, HeartbeatPings.Kind.Start, request, pings, cancellationToken));
        group.MapMethods("/{token}/fail", methods, (string token, HttpRequest request, HeartbeatPings pings, CancellationToken cancellationToken) =>
            RecordAsync(token, HeartbeatPings.Kind.Fail, request, pings, cancellationToken));
        return app;
    }

    private static async Task<IResult> RecordAsync(
        string token, HeartbeatPings.Kind kind, HttpRequest request, HeartbeatPings pings, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request, cancellationToken);
        return await pings.RecordAsync(token, kind, body, cancellationToken) switch
        {
            HeartbeatPings.Outcome.Recorded => TypedResults.Text("OK\n"),
            HeartbeatPings.Outcome.Unknown => TypedResults.Text("unknown ping URL: check the heartbeat's URL on its page in Unyo\n", statusCode: StatusCodes.Status404NotFound),
            _ => Busy(request),
        };
    }

    private static ContentHttpResult Busy(HttpRequest request)
    {
        request.HttpContext.Response.Headers.RetryAfter = "5";
        return TypedResults.Text("busy, retry in 5 seconds\n", statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    // A failing job may post its log's tail; the first few KB are kept with the result.
    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            return null;
        }
        var buffer = new char[MaxBody];
        using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8);
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        return read == 0 ? null : new string(buffer, 0, read);
    }
}
