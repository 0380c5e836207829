using System.Net;
using System.Text.Json;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Checks.Probes;

// TEMPORARY: a minimal stand-in for the probes being built on branch `probes` (HTTP status only),
// so the scheduler, state machine and API can be built and tested meanwhile. Deleted at that merge.
public sealed record HttpProbeSettings(string Url) : ProbeSettings
{
    public override CheckType Type => CheckType.Http;
    public override string TargetHost => new Uri(Url).Host;
    public override string ToStored() => JsonSerializer.Serialize(new HttpCheckRequest { Url = Url }, JsonSerializerOptions.Web);
    public override object ToContract() => new HttpCheckRequest { Url = Url };
}

public static class ProbeSettingsValidator
{
    public static ProbeSettings? Validate(CheckType type, CheckRequest request, ValidationErrors errors)
    {
        if (type != CheckType.Http)
        {
            if (type != CheckType.Heartbeat)
            {
                errors.Add("type", "only http until the probes land.");
            }
            return null;
        }
        if (request.Http?.Url is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
        {
            errors.Add("http.url", "must be an absolute http(s) URL.");
            return null;
        }
        return new HttpProbeSettings(url);
    }

    public static ProbeSettings FromStored(CheckType type, string stored) =>
        new HttpProbeSettings(JsonSerializer.Deserialize<HttpCheckRequest>(stored, JsonSerializerOptions.Web)!.Url!);
}

public sealed class TargetAllowList
{
    public static readonly TargetAllowList Empty = new([]);

    private TargetAllowList(string[] entries) => Entries = entries;

    public string[] Entries { get; }

    public static TargetAllowList Parse(IReadOnlyList<string>? entries, ValidationErrors errors, string field = "allowedTargets") => new([.. entries ?? []]);

    public bool Allows(IPAddress address) => Entries.Contains(address.ToString());

    public bool Allows(string host) => Entries.Contains(host);
}

public static class TargetGuard
{
    public static void CheckAtCreation(ProbeSettings settings, TargetAllowList allowed, ValidationErrors errors)
    {
    }
}

public sealed class ProbeRunner(TimeProvider time)
{
    private static readonly HttpClient Client = new();

    public async Task<ProbeResult> RunAsync(ProbeSettings settings, TimeSpan timeout, int retries, TargetAllowList allowed, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            using var timing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timing.CancelAfter(timeout);
            using var response = await Client.GetAsync(((HttpProbeSettings)settings).Url, timing.Token);
            var code = (int)response.StatusCode;
            var latency = (int)time.GetElapsedTime(started).TotalMilliseconds;
            return code is >= 200 and < 400
                ? new ProbeResult(ProbeOutcome.Up, latency, $"HTTP {code}", new Dictionary<string, string> { ["statusCode"] = $"{code}" })
                : new ProbeResult(ProbeOutcome.Down, latency, $"HTTP {code}, expected 200-399", new Dictionary<string, string> { ["statusCode"] = $"{code}" });
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return new ProbeResult(ProbeOutcome.Down, (int)time.GetElapsedTime(started).TotalMilliseconds, exception.Message, null);
        }
    }
}
