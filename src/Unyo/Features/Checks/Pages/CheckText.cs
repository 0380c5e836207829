using System.Globalization;
using Unyo.Client;

namespace Unyo.Features.Checks.Pages;

// How the check pages put a check into words.
public static class CheckText
{
    // What the check looks at, in one line: the URL, host:port, the DNS question, or the period.
    public static string Target(CheckResponse check) => check switch
    {
        { Http: { } http } => $"{(http.Method is null or "GET" ? "" : http.Method + " ")}{http.Url}",
        { Tcp: { } tcp } => $"{tcp.Host}:{tcp.Port}",
        { Tls: { } tls } => $"certificate of {tls.Host}:{tls.Port ?? 443}",
        { Dns: { } dns } => $"{dns.RecordType ?? "A"} {dns.Name}{(dns.Resolver is null ? "" : $" @{dns.Resolver}")}",
        { Heartbeat: { } heartbeat } => $"heartbeat every {heartbeat.Period}{(heartbeat.Grace is null ? "" : $" (+{heartbeat.Grace} grace)")}",
        _ => check.Type,
    };

    // A span in the largest two units: "3d 4h", "2h 5m", "40s".
    public static string Span(TimeSpan span)
    {
        if (span < TimeSpan.FromMinutes(1))
        {
            return $"{Math.Max(0, (int)span.TotalSeconds)}s";
        }
        if (span < TimeSpan.FromHours(1))
        {
            return $"{span.Minutes}m";
        }
        return span < TimeSpan.FromDays(1) ? $"{(int)span.TotalHours}h {span.Minutes}m" : $"{(int)span.TotalDays}d {span.Hours}h";
    }

    public static string Ms(int milliseconds) =>
        milliseconds >= 10_000 ? (milliseconds / 1000.0).ToString("0.#", CultureInfo.InvariantCulture) + " s" : $"{milliseconds} ms";

    public static string Count(int count, string one, string many) => $"{count.ToString("N0", CultureInfo.InvariantCulture)} {(count == 1 ? one : many)}";
}
