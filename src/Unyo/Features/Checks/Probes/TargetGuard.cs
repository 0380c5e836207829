using System.Net;
using System.Net.Sockets;
using Unyo.Hosting;

namespace Unyo.Features.Checks.Probes;

// The SSRF guard of checks: a check created by a team member must not make the server probe
// itself, its private network or the cloud's metadata service (which hands out credentials),
// unless an admin allowed that target. Judged twice: at creation for literal addresses and
// well-known names, and at run time for every address a probe actually connects to.
public static class TargetGuard
{
    public const string AllowHint = "an admin can allow it with PUT /api/v1/check-settings (allowedTargets)";
    private const string Unless = "checks may not probe it unless an admin allows it with PUT /api/v1/check-settings (allowedTargets)";

    private static readonly IPAddress[] Metadata =
        [IPAddress.Parse("169.254.169.254"), IPAddress.Parse("fd00:ec2::254"), IPAddress.Parse("100.100.100.200")];

    // Names that reach the server itself or a metadata service without any address in them.
    private static readonly string[] MetadataNames = ["metadata.google.internal", "metadata", "instance-data", "instance-data.ec2.internal"];

    public static bool IsRestricted(IPAddress address, out string why)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        else if (address.AddressFamily == AddressFamily.InterNetworkV6 && Nat64Embedded(address) is { } embedded && IsRestricted(embedded, out var inner))
        {
            why = $"{inner} ({embedded}) behind the NAT64 prefix";
            return true;
        }
        if (Metadata.Contains(address))
        {
            why = "a cloud metadata address";
            return true;
        }
        why = address.AddressFamily == AddressFamily.InterNetwork ? V4(address.GetAddressBytes()) : V6(address);
        return why.Length > 0;
    }

    public static void CheckAtCreation(ProbeSettings settings, TargetAllowList allowed, ValidationErrors errors)
    {
        var (field, host) = settings switch
        {
            HttpProbeSettings http => ("http.url", http.Host),
            TcpProbeSettings tcp => ("tcp.host", tcp.Host),
            TlsProbeSettings tls => ("tls.host", tls.Host),
            DnsProbeSettings { Resolver: { } resolver } => ("dns.resolver", resolver.Address.ToString()),
            _ => (null, null),
        };
        if (field is null || host is null || allowed.Allows(host))
        {
            return;
        }
        if (HostNames.ParseAddress(host) is { } address)
        {
            if (IsRestricted(address, out var why) && !allowed.Allows(address))
            {
                errors.Add(field, $"{address} is {why}; {Unless}.");
            }
        }
        else if ((host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal))
            && !allowed.Allows(IPAddress.Loopback) && !allowed.Allows(IPAddress.IPv6Loopback))
        {
            errors.Add(field, $"{host} names this server itself; {Unless}.");
        }
        else if (MetadataNames.Contains(host) && !allowed.Allows(Metadata[0]))
        {
            errors.Add(field, $"{host} names a cloud metadata service; {Unless}.");
        }
    }

    private static string V4(byte[] b) => b switch
    {
        [0, ..] => "an unspecified address (0.0.0.0/8 reaches this host)",
        [127, ..] => "a loopback address",
        [10, ..] or [172, >= 16 and <= 31, ..] or [192, 168, ..] => "a private address",
        [100, >= 64 and <= 127, ..] => "a carrier-grade NAT address (100.64.0.0/10)",
        [169, 254, ..] => "a link-local address",
        [>= 224 and <= 239, ..] => "a multicast address",
        [255, 255, 255, 255] => "the broadcast address",
        _ => "",
    };

    private static string V6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return "a loopback address";
        }
        if (address.Equals(IPAddress.IPv6Any))
        {
            return "an unspecified address";
        }
        var b = address.GetAddressBytes();
        return b switch
        {
            [0xfe, >= 0x80 and <= 0xbf, ..] => "a link-local address",
            [0xfe, >= 0xc0, ..] => "a site-local address",
            [0xfc or 0xfd, ..] => "a unique-local (private) address",
            [0xff, ..] => "a multicast address",
            _ => "",
        };
    }

    // 64:ff9b::/96 carries an IPv4 address in its last 32 bits; a NAT64 gateway connects to it.
    private static IPAddress? Nat64Embedded(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return b is [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, ..] ? new IPAddress(b.AsSpan(12)) : null;
    }
}
