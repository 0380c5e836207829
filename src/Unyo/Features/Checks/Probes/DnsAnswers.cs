using System.Globalization;
using System.Net;
using DnsClient;
using DnsClient.Protocol;

namespace Unyo.Features.Checks.Probes;

// How DNS answers read as text, in checks' expected values and in results:
//   A, AAAA 10.0.0.1 / 2001:db8::1; CNAME, NS, PTR the name; TXT the strings joined;
//   MX "10 mail.example.com"; SRV "10 5 5060 sip.example.com"; CAA "0 issue letsencrypt.org";
//   SOA "ns1.example.com hostmaster.example.com 2026010101 7200 3600 1209600 300".
// An expected MX, SRV or SOA value may also be the name alone (mail.example.com), a CAA value
// "tag value". Values compare case-insensitively with trailing dots ignored.
internal static class DnsAnswers
{
    public const int MaxExpected = 20;
    public const int MaxExpectedLength = 500;

    public static readonly QueryType[] Types =
        [QueryType.A, QueryType.AAAA, QueryType.CNAME, QueryType.MX, QueryType.NS, QueryType.TXT, QueryType.SRV, QueryType.CAA, QueryType.SOA, QueryType.PTR];

    // The answer's full text and the shorter form an expected value may use (or null).
    public static (string Text, string? Short)? TextOf(DnsResourceRecord record, QueryType type) => (record, type) switch
    {
        (ARecord a, QueryType.A) => (a.Address.ToString(), null),
        (AaaaRecord a, QueryType.AAAA) => (a.Address.ToString(), null),
        (CNameRecord c, QueryType.CNAME) => (Name(c.CanonicalName), null),
        (NsRecord n, QueryType.NS) => (Name(n.NSDName), null),
        (PtrRecord p, QueryType.PTR) => (Name(p.PtrDomainName), null),
        (TxtRecord t, QueryType.TXT) => (string.Concat(t.Text), null),
        (MxRecord m, QueryType.MX) => (Invariant($"{m.Preference} {Name(m.Exchange)}"), Name(m.Exchange)),
        (SrvRecord s, QueryType.SRV) => (Invariant($"{s.Priority} {s.Weight} {s.Port} {Name(s.Target)}"), Name(s.Target)),
        (CaaRecord c, QueryType.CAA) => (Invariant($"{c.Flags} {c.Tag} {c.Value}"), $"{c.Tag} {c.Value}"),
        (SoaRecord s, QueryType.SOA) => (Invariant($"{Name(s.MName)} {Name(s.RName)} {s.Serial} {s.Refresh} {s.Retry} {s.Expire} {s.Minimum}"), Name(s.MName)),
        _ => null,
    };

    public static bool Matches(string expected, string text, string? shortText) =>
        Same(expected, text) || (shortText is not null && Same(expected, shortText));

    // The canonical spelling of an expected value, or null (with the reason) when it cannot be one.
    public static string? CanonicalExpected(string? value, QueryType type, out string? error)
    {
        error = null;
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxExpectedLength)
        {
            error = $"must be 1 to {MaxExpectedLength} characters.";
            return null;
        }
        switch (type)
        {
            case QueryType.A or QueryType.AAAA:
                var family = type == QueryType.A ? System.Net.Sockets.AddressFamily.InterNetwork : System.Net.Sockets.AddressFamily.InterNetworkV6;
                if (HostNames.ParseAddress(text) is { } address && address.AddressFamily == family)
                {
                    return address.ToString();
                }
                error = $"'{text}' must be an {(type == QueryType.A ? "IPv4" : "IPv6")} address for {type} records.";
                return null;
            case QueryType.CNAME or QueryType.NS or QueryType.PTR:
                var name = HostNames.Canonical(text, allowUnderscore: true, out var ip);
                if (name is not null && ip is null)
                {
                    return name;
                }
                error = $"'{text}' must be a host name for {type} records.";
                return null;
            default:
                return text;
        }
    }

    private static bool Same(string expected, string actual) =>
        string.Equals(expected.TrimEnd('.'), actual.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);

    private static string Name(DnsString name) => name.Value.TrimEnd('.');

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public static string Describe(IPEndPoint? resolver) => resolver?.ToString() ?? "the system resolver";
}
