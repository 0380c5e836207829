using System.Globalization;
using System.Net;
using DnsClient;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Checks.Probes;

public static partial class ProbeSettingsValidator
{
    private static DnsProbeSettings? ValidateDns(DnsCheckRequest? dns, ValidationErrors errors)
    {
        if (dns is null)
        {
            errors.Add("dns", "is required for type dns: at least the name to resolve.");
            return null;
        }
        var type = QueryType.A;
        if (dns.RecordType is { } recordType)
        {
            var found = DnsAnswers.Types.Where(t => t.ToString().Equals(recordType.Trim(), StringComparison.OrdinalIgnoreCase)).ToArray();
            if (found.Length == 1)
            {
                type = found[0];
            }
            else
            {
                errors.Add("dns.recordType", $"'{recordType}' must be one of {string.Join(", ", DnsAnswers.Types)}.");
            }
        }
        var name = CheckDnsName(dns.Name, type, errors);
        var expected = new List<string>();
        if (dns.Expected is { Length: > DnsAnswers.MaxExpected })
        {
            errors.Add("dns.expected", $"at most {DnsAnswers.MaxExpected} values.");
        }
        for (var i = 0; i < (dns.Expected?.Length ?? 0); i++)
        {
            if (DnsAnswers.CanonicalExpected(dns.Expected![i], type, out var error) is { } value)
            {
                expected.Add(value);
            }
            else
            {
                errors.Add($"dns.expected[{i}]", error!);
            }
        }
        var resolver = CheckResolver(dns.Resolver, errors);
        if (name is null || errors.Has("dns.resolver") || errors.Has("dns.recordType"))
        {
            return null;
        }
        return new DnsProbeSettings
        {
            Name = name,
            RecordType = type,
            Expected = [.. expected.Distinct(StringComparer.OrdinalIgnoreCase)],
            Resolver = resolver,
        };
    }

    // A PTR check may name the address itself; it asks for its in-addr.arpa or ip6.arpa name.
    private static string? CheckDnsName(string? text, QueryType type, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add("dns.name", "is required: the name to resolve, e.g. www.example.com.");
            return null;
        }
        var name = HostNames.Canonical(text, allowUnderscore: true, out var address);
        if (name is null)
        {
            errors.Add("dns.name", $"'{text}' must be a DNS name: letters, digits, dashes and underscores in dot-separated labels of at most 63 characters.");
            return null;
        }
        if (address is not null)
        {
            if (type == QueryType.PTR)
            {
                return address.GetArpaName().TrimEnd('.');
            }
            errors.Add("dns.name", $"'{text}' is an IP address; a {type} question asks about a name (recordType PTR asks for an address's name).");
            return null;
        }
        return name;
    }

    private static IPEndPoint? CheckResolver(string? text, ValidationErrors errors)
    {
        if (text is null)
        {
            return null;
        }
        var value = text.Trim();
        IPAddress? address;
        var port = DnsProbeSettings.DefaultResolverPort;
        // IP, IPv4:port or [IPv6]:port; a bare IPv6 address holds colons of its own.
        var colon = value.LastIndexOf(':');
        if (value.StartsWith('[') && value.Contains("]:", StringComparison.Ordinal) || colon > 0 && value.IndexOf(':') == colon)
        {
            var split = value.StartsWith('[') ? value.IndexOf("]:", StringComparison.Ordinal) + 1 : colon;
            address = HostNames.ParseAddress(value[..split].Trim('[', ']'));
            if (!int.TryParse(value.AsSpan(split + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
            {
                address = null;
            }
        }
        else
        {
            address = HostNames.ParseAddress(value.Trim('[', ']'));
        }
        if (address is null)
        {
            errors.Add("dns.resolver", $"'{text}' must be an IP address with an optional port: 10.0.0.53, 10.0.0.53:5353 or [2001:db8::53]:53 (resolvers are not named by host name).");
            return null;
        }
        return new IPEndPoint(address, port);
    }
}
