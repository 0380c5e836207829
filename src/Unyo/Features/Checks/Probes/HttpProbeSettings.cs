using System.Text;
using System.Text.Json;
using Unyo.Client;

namespace Unyo.Features.Checks.Probes;

// An HTTP check as validated: every default filled in, the URL parsed once, the regex compiled.
public sealed record HttpProbeSettings : ProbeSettings
{
    public const int DefaultMaxResponseKb = 1024;
    public const int MaxRedirects = 10;

    private byte[]? _bodyContainsUtf8;
    private byte[]? _bodyUtf8;

    public override CheckType Type => CheckType.Http;

    public required Uri Url { get; init; }

    // The URL's host in its canonical form (punycode, lower-case, no trailing dot, no brackets).
    public required string Host { get; init; }

    public override string TargetHost => Host;

    public required HttpMethod Method { get; init; }

    // Sorted by name, case-insensitively: the stored form does not depend on the order given.
    public required IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }

    public string? Body { get; init; }

    public required IReadOnlyList<StatusRange> ExpectedStatus { get; init; }

    public int? LatencyThresholdMs { get; init; }

    // Degraded or Down: what an answer slower than LatencyThresholdMs is.
    public ProbeOutcome SlowOutcome { get; init; } = ProbeOutcome.Degraded;

    public string? BodyContains { get; init; }

    public BodyPattern? BodyRegex { get; init; }

    public JsonPathExpression? JsonPath { get; init; }

    public string? JsonEqualTo { get; init; }

    public bool FollowRedirects { get; init; } = true;

    public bool VerifyTls { get; init; } = true;

    public ProbeIpVersion IpVersion { get; init; }

    public int MaxResponseKb { get; init; } = DefaultMaxResponseKb;

    // Whether the probe needs the body's bytes kept (rather than only counted).
    public bool InspectsBody => BodyContains is not null || BodyRegex is not null || JsonPath is not null;

    // The keyword as UTF-8, so a UTF-8 body is searched as bytes without decoding it.
    internal byte[]? BodyContainsUtf8 => BodyContains is null ? null : _bodyContainsUtf8 ??= Encoding.UTF8.GetBytes(BodyContains);

    internal byte[]? BodyUtf8 => Body is null ? null : _bodyUtf8 ??= Encoding.UTF8.GetBytes(Body);

    public string DescribeExpectedStatus() => string.Join(", ", ExpectedStatus);

    public override object ToContract() => new HttpCheckRequest
    {
        Url = Url.AbsoluteUri,
        Method = Method.Method,
        Headers = Headers.Count == 0 ? null : new Dictionary<string, string>(Headers, StringComparer.OrdinalIgnoreCase),
        Body = Body,
        ExpectedStatus = [.. ExpectedStatus.Select(s => s.ToString())],
        LatencyThresholdMs = LatencyThresholdMs,
        SlowIs = LatencyThresholdMs is null ? null : SlowOutcome == ProbeOutcome.Down ? "failure" : "degraded",
        BodyContains = BodyContains,
        BodyRegex = BodyRegex?.Pattern,
        Json = JsonPath is null ? null : new JsonPathAssertion { Path = JsonPath.Text, EqualTo = JsonEqualTo },
        FollowRedirects = FollowRedirects,
        VerifyTls = VerifyTls,
        IpVersion = IpVersion.ToName(),
        MaxResponseKb = MaxResponseKb,
    };

    public override string ToStored() => JsonSerializer.Serialize((HttpCheckRequest)ToContract(), StoredJson);

    // Two settings are equal when they store alike; the compiled parts compare by their text.
    public bool Equals(HttpProbeSettings? other) => other is not null && ToStored() == other.ToStored();

    public override int GetHashCode() => ToStored().GetHashCode(StringComparison.Ordinal);
}
