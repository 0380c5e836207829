using Unyo.Features.Checks.Probes;
using Unyo.Hosting;

namespace Unyo.Features.Checks;

// What a job's ping means: /ping/{token} is a success, /fail a failure (down at once), /start
// marks the start so that the next success can say how long the job ran.
public sealed class HeartbeatPings(CheckRoster roster, CheckResultQueue queue, TimeProvider time)
{
    public const string PingDetail = "ping";
    public const int MaxBodySnippet = 500;

    public enum Kind
    {
        Success,
        Start,
        Fail,
    }

    public enum Outcome
    {
        Recorded,
        Unknown,
        Busy,
    }

    public async Task<Outcome> RecordAsync(string token, Kind kind, string? body, CancellationToken cancellationToken)
    {
        if (!PingTokens.LooksValid(token))
        {
            return Outcome.Unknown;
        }
        var plan = (await roster.CurrentAsync(cancellationToken)).ByPingHash(PingTokens.Hash(token));
        if (plan is null)
        {
            return Outcome.Unknown;
        }
        var now = time.GetUtcNow();
        ProbeResult? result = null;
        if (kind != Kind.Start)
        {
            var details = new Dictionary<string, string> { [PingDetail] = kind == Kind.Fail ? "fail" : "success" };
            var snippet = Snippet(body);
            if (snippet is not null)
            {
                details["body"] = snippet;
            }
            result = kind == Kind.Fail
                ? new ProbeResult(ProbeOutcome.Down, 0, snippet is null ? "the job reported a failure" : $"the job reported a failure: {snippet}", details)
                : new ProbeResult(ProbeOutcome.Up, 0, "ping received", details);
        }
        return queue.TryAdd(new CheckResultRecord(plan.Id, CheckDefinition.LocalLocation, now, result)) ? Outcome.Recorded : Outcome.Busy;
    }

    // A job that pinged /start within the period before its end ran that long: the duration is
    // the result's latency, so the check page charts how long the job takes.
    public static ProbeResult WithDuration(ProbeResult result, DateTimeOffset? startedAt, DateTimeOffset at, TimeSpan period)
    {
        if (startedAt is not { } start || start > at || at - start > period)
        {
            return result;
        }
        var duration = at - start;
        var details = new Dictionary<string, string>(result.Details ?? new Dictionary<string, string>()) { ["duration"] = Durations.Format(duration) };
        return result with { LatencyMs = (int)Math.Min(int.MaxValue, duration.TotalMilliseconds), Details = details };
    }

    private static string? Snippet(string? body)
    {
        var text = body?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        text = new string([.. text.Take(MaxBodySnippet).Select(c => char.IsControl(c) && c != '\n' ? ' ' : c)]);
        return text;
    }
}
