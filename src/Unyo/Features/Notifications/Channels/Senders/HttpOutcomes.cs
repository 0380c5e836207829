using System.Net.Http.Headers;
using Unyo.Features.Checks.Probes;

namespace Unyo.Features.Notifications.Channels.Senders;

// Turns a receiver's answer into a DeliveryOutcome: 2xx delivered; 408, 429, 5xx, timeouts and
// connection errors retry later (after Retry-After when it says so); any other answer is refused
// for good. Never throws for a receiver's failure: the dispatcher records outcomes, not exceptions.
public static class HttpOutcomes
{
    private const int MaxDetail = 300;

    public static async Task<DeliveryOutcome> SendAsync(HttpClient client, HttpRequestMessage request, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return await FromAsync(response, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return new DeliveryOutcome(DeliveryResult.RetryLater, null, "timed out waiting for the receiver");
        }
        catch (HttpRequestException exception) when (ProbeFailedException.Find(exception) is { Message: var reason } && reason.StartsWith("refused: ", StringComparison.Ordinal))
        {
            // The target guard refused the address: retrying cannot help until an admin allows it.
            return new DeliveryOutcome(DeliveryResult.Rejected, null, Short(reason));
        }
        catch (HttpRequestException exception) when (ProbeFailedException.Find(exception) is { } failed)
        {
            return new DeliveryOutcome(DeliveryResult.RetryLater, null, Short(failed.Message));
        }
        catch (HttpRequestException exception)
        {
            return new DeliveryOutcome(DeliveryResult.RetryLater, null, Short(exception.InnerException?.Message is { } inner ? $"{exception.Message} ({inner})" : exception.Message));
        }
    }

    public static async Task<DeliveryOutcome> FromAsync(HttpResponseMessage response, TimeProvider time, CancellationToken cancellationToken)
    {
        var code = (int)response.StatusCode;
        if (code is >= 200 and < 300)
        {
            return DeliveryOutcome.Delivered(code);
        }
        var detail = await DetailAsync(response, cancellationToken);
        if (code is 408 or 429 or >= 500)
        {
            return new DeliveryOutcome(DeliveryResult.RetryLater, code, detail, RetryAfter(response.Headers.RetryAfter, time));
        }
        if (code is >= 300 and < 400)
        {
            detail = $"{detail}; redirects are not followed, give the final URL ({response.Headers.Location})";
        }
        return new DeliveryOutcome(DeliveryResult.Rejected, code, detail);
    }

    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, TimeProvider time) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > time.GetUtcNow() ? date - time.GetUtcNow() : TimeSpan.Zero,
        _ => null,
    };

    private static async Task<string> DetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}".Trim();
        try
        {
            // Only the start of the body: a receiver's error page says what went wrong in its first lines.
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new char[MaxDetail];
            using var reader = new StreamReader(stream);
            var read = await reader.ReadBlockAsync(buffer, cancellationToken);
            var body = new string(buffer, 0, read).ReplaceLineEndings(" ").Trim();
            return body.Length == 0 ? status : Short($"{status}: {body}");
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException or OperationCanceledException)
        {
            return status;
        }
    }

    public static string Short(string text) => text.Length <= MaxDetail ? text : text[..(MaxDetail - 1)] + "…";
}
