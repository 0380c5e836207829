using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Unyo.Features.Checks.Probes;

// Host names and IP literals as checks and the allow list accept them: one canonical spelling
// (lower-case ASCII, no trailing dot, IPv6 without brackets) so comparisons are plain equality.
internal static class HostNames
{
    public const string Rule = "must be a host name (letters, digits and dashes in dot-separated labels of at most 63 characters) or an IP address.";

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = false };

    // The canonical host, or null when it is neither a valid name nor an IP literal. Underscores
    // are allowed where DNS names carry them (_dmarc.example.com), not in hosts to connect to.
    public static string? Canonical(string? text, bool allowUnderscore, out IPAddress? address)
    {
        address = null;
        var host = text?.Trim();
        if (string.IsNullOrEmpty(host) || host.Length > 300)
        {
            return null;
        }
        if (host is ['[', .., ']'])
        {
            host = host[1..^1];
        }
        if (ParseAddress(host) is { } ip)
        {
            address = ip;
            return ip.ToString();
        }
        if (host.Contains(':') || host.Contains('%'))
        {
            return null;
        }
        string ascii;
        try
        {
            ascii = Idn.GetAscii(host.EndsWith('.') ? host[..^1] : host).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }
        return IsValidName(ascii, allowUnderscore) ? ascii : null;
    }

    // Only the usual spellings: dotted quads without leading zeros and IPv6 without a zone, so
    // 0x7f.1 or 2130706433 are not quietly read as 127.0.0.1.
    public static IPAddress? ParseAddress(string text)
    {
        if (!IPAddress.TryParse(text, out var address))
        {
            return null;
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return address.ToString() == text ? address : null;
        }
        return text.Contains(':') && address.ScopeId == 0 && !text.Contains('%') ? address : null;
    }

    private static bool IsValidName(string name, bool allowUnderscore)
    {
        if (name.Length is 0 or > 253)
        {
            return false;
        }
        var labels = name.Split('.');
        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }
            foreach (var c in label)
            {
                if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-' && !(allowUnderscore && c == '_'))
                {
                    return false;
                }
            }
        }
        // An all-digit last label is an IP address in a spelling refused above, not a name.
        return !labels[^1].All(char.IsAsciiDigit);
    }
}
