using System.Net;
using Unyo.Hosting;

namespace Unyo.Features.Checks.Probes;

// The organisation's exceptions to the target guard (CheckSettingsRequest.AllowedTargets): IP
// addresses, CIDR ranges, host names and *.suffix wildcards. A wildcard matches names below the
// suffix at any depth (a.corp.example, b.a.corp.example), not the suffix itself.
public sealed class TargetAllowList
{
    public const int MaxEntries = 500;

    private readonly IPNetwork[] _networks;
    private readonly HashSet<string> _names;
    private readonly string[] _suffixes;

    private TargetAllowList(string[] entries, IPNetwork[] networks, HashSet<string> names, string[] suffixes) =>
        (Entries, _networks, _names, _suffixes) = (entries, networks, names, suffixes);

    public static TargetAllowList Empty { get; } = new([], [], new(StringComparer.Ordinal), []);

    // Canonical: lower-case names, addresses and networks as .NET writes them, duplicates dropped.
    public string[] Entries { get; }

    public static TargetAllowList Parse(IReadOnlyList<string>? entries, ValidationErrors errors, string field = "allowedTargets")
    {
        if (entries is null || entries.Count == 0)
        {
            return Empty;
        }
        if (entries.Count > MaxEntries)
        {
            errors.Add(field, $"at most {MaxEntries} entries; allow a range (10.0.0.0/8) or a wildcard (*.corp.example) instead of many.");
            return Empty;
        }
        var canonical = new List<string>();
        var networks = new List<IPNetwork>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var suffixes = new List<string>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = Entry(entries[i]?.Trim() ?? "", out var network, out var error);
            if (entry is null)
            {
                errors.Add($"{field}[{i}]", error!);
                continue;
            }
            if (canonical.Contains(entry))
            {
                continue;
            }
            canonical.Add(entry);
            if (network is { } n)
            {
                networks.Add(n);
            }
            else if (entry.StartsWith("*.", StringComparison.Ordinal))
            {
                suffixes.Add(entry[1..]);
            }
            else
            {
                names.Add(entry);
            }
        }
        return new TargetAllowList([.. canonical], [.. networks], names, [.. suffixes]);
    }

    public bool Allows(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        foreach (var network in _networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }
        return false;
    }

    public bool Allows(string host)
    {
        if (Entries.Length == 0)
        {
            return false;
        }
        var canonical = HostNames.Canonical(host, allowUnderscore: true, out var address);
        if (canonical is null)
        {
            return false;
        }
        if (address is not null)
        {
            return Allows(address);
        }
        if (_names.Contains(canonical))
        {
            return true;
        }
        foreach (var suffix in _suffixes)
        {
            if (canonical.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static string? Entry(string text, out IPNetwork? network, out string? error)
    {
        network = null;
        error = null;
        if (text.Contains('/'))
        {
            var slash = text.IndexOf('/');
            if (HostNames.ParseAddress(text[..slash]) is not { } start || !IPNetwork.TryParse(text, out var range))
            {
                error = $"'{text}' is not a CIDR range such as 10.0.0.0/8 or fd00::/8.";
                return null;
            }
            if (!range.BaseAddress.Equals(start))
            {
                error = $"'{text}' has bits set beyond its prefix; did you mean {range}?";
                return null;
            }
            network = range;
            return range.ToString();
        }
        var wildcard = text.StartsWith("*.", StringComparison.Ordinal);
        var host = HostNames.Canonical(wildcard ? text[2..] : text, allowUnderscore: true, out var address);
        if (host is null || (wildcard && address is not null))
        {
            error = $"'{text}' must be an IP address, a CIDR range (10.0.0.0/8), a host name (intranet.example) or a wildcard (*.corp.example).";
            return null;
        }
        if (address is not null)
        {
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return address.ToString();
        }
        return wildcard ? "*." + host : host;
    }
}
