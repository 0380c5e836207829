using System.Text.Json;
using Unyo.Client;

namespace Unyo.Features.Checks.Probes;

// A TLS certificate check as validated.
public sealed record TlsProbeSettings : ProbeSettings
{
    public const int DefaultPort = 443;
    public const int DefaultWarnDays = 21;
    public const int DefaultFailDays = 7;

    public override CheckType Type => CheckType.Tls;

    public required string Host { get; init; }

    public int Port { get; init; } = DefaultPort;

    // The name sent in SNI and checked against the certificate; null means Host.
    public string? ServerName { get; init; }

    public int WarnDays { get; init; } = DefaultWarnDays;

    public int FailDays { get; init; } = DefaultFailDays;

    public ProbeIpVersion IpVersion { get; init; }

    public override string TargetHost => Host;

    public string EffectiveServerName => ServerName ?? Host;

    public override object ToContract() => new TlsCheckRequest
    {
        Host = Host,
        Port = Port,
        ServerName = ServerName,
        WarnDays = WarnDays,
        FailDays = FailDays,
        IpVersion = IpVersion.ToName(),
    };

    public override string ToStored() => JsonSerializer.Serialize((TlsCheckRequest)ToContract(), StoredJson);
}
