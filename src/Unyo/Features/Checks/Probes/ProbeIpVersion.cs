using System.Net.Sockets;

namespace Unyo.Features.Checks.Probes;

// Which of a host's addresses a probe may connect to.
public enum ProbeIpVersion
{
    Any,
    Ipv4,
    Ipv6,
}

public static class ProbeIpVersionNames
{
    public static string ToName(this ProbeIpVersion version) => version.ToString().ToLowerInvariant();

    public static AddressFamily ToAddressFamily(this ProbeIpVersion version) => version switch
    {
        ProbeIpVersion.Ipv4 => AddressFamily.InterNetwork,
        ProbeIpVersion.Ipv6 => AddressFamily.InterNetworkV6,
        _ => AddressFamily.Unspecified,
    };
}
