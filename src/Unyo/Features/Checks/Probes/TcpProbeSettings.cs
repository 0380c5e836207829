using System.Text.Json;
using Unyo.Client;

namespace Unyo.Features.Checks.Probes;

// A TCP connect check as validated.
public sealed record TcpProbeSettings : ProbeSettings
{
    public override CheckType Type => CheckType.Tcp;

    // Canonical: lower-case ASCII name or IP literal without brackets.
    public required string Host { get; init; }

    public required int Port { get; init; }

    public ProbeIpVersion IpVersion { get; init; }

    public override string TargetHost => Host;

    public override object ToContract() => new TcpCheckRequest { Host = Host, Port = Port, IpVersion = IpVersion.ToName() };

    public override string ToStored() => JsonSerializer.Serialize((TcpCheckRequest)ToContract(), StoredJson);
}
