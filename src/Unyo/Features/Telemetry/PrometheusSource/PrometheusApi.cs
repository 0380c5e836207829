using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Unyo.Features.Telemetry.PrometheusSource;

// Asks a Prometheus-compatible engine (Prometheus, Thanos, Mimir, VictoriaMetrics) one PromQL
// question over its HTTP API. Every failure comes back as an answer with the reason, never as an
// exception: a source that fails is a status to show, not a crash.
public sealed class PrometheusApi(IHttpClientFactory clients, PrometheusSourceOptions options)
{
    // One minute: /api/v1/query at the minute's end; several: /api/v1/query_range, 60 s step.
    // {{window}} becomes 1m either way, so each value covers exactly its minute.
    public async Task<PromAnswer> ReadAsync(string url, string query, MinuteSpan span, CancellationToken cancellationToken)
    {
        var expression = query.Replace(PrometheusQueries.WindowPlaceholder, "1m", StringComparison.Ordinal);
        var (path, form) = span.Count == 1
            ? ("/api/v1/query", new Dictionary<string, string> { ["query"] = expression, ["time"] = Unix(span.LastEvaluation) })
            : ("/api/v1/query_range", new Dictionary<string, string>
            {
                ["query"] = expression,
                ["start"] = Unix(span.FirstEvaluation),
                ["end"] = Unix(span.LastEvaluation),
                ["step"] = MinuteSpan.Step.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            });
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        var started = Stopwatch.GetTimestamp();
        var answer = await AskAsync(url, path, form, cancellationToken, timeout.Token);
        PrometheusSourceMetrics.Queried(answer.Ok, Stopwatch.GetElapsedTime(started));
        return answer;
    }

    private async Task<PromAnswer> AskAsync(string url, string path, Dictionary<string, string> form, CancellationToken stopping, CancellationToken cancellationToken)
    {
        try
        {
            // POST keeps long queries out of URLs (and proxy logs); every engine above accepts it.
            using var request = new HttpRequestMessage(HttpMethod.Post, url + path) { Content = new FormUrlEncodedContent(form) };
            using var response = await clients.CreateClient(PrometheusSourceOptions.HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var body = new MemoryStream();
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (body.Length + read > PrometheusSourceOptions.MaxResponseBytes)
                {
                    return PromAnswer.Failed($"the answer from {url} is larger than {PrometheusSourceOptions.MaxResponseBytes / 1024 / 1024} MiB");
                }
                body.Write(buffer, 0, read);
            }
            return PromAnswer.Parse(body.GetBuffer().AsMemory(0, (int)body.Length), (int)response.StatusCode);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return PromAnswer.Failed($"no answer from {url} within {options.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException exception)
        {
            var reason = exception.InnerException is SocketException socket ? socket.Message : exception.Message;
            return PromAnswer.Failed($"cannot reach {url}: {reason}");
        }
    }

    private static string Unix(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
