using System.Globalization;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Checks.Pages;

// What the check form posts: plain strings, so a refused form comes back exactly as typed. It
// holds the common fields and each type's main ones; everything else a stored check has
// (headers, body, regex, redirects…) is carried over from its contract by ToRequest.
public sealed class CheckForm
{
    public string? Name { get; set; }
    public string? Service { get; set; }
    public string? Description { get; set; }
    public string? Type { get; set; }
    public string? Interval { get; set; }
    public string? Timeout { get; set; }
    public string? Retries { get; set; }
    public string? DownAfter { get; set; }
    public string? UpAfter { get; set; }
    public string? Locations { get; set; }
    public string? DownLocations { get; set; }
    public bool Enabled { get; set; }
    public string? HttpUrl { get; set; }
    public string? HttpMethod { get; set; }
    public string? HttpExpectedStatus { get; set; }
    public string? HttpLatencyThresholdMs { get; set; }
    public string? HttpBodyContains { get; set; }
    public string? TcpHost { get; set; }
    public string? TcpPort { get; set; }
    public string? TlsHost { get; set; }
    public string? TlsPort { get; set; }
    public string? TlsWarnDays { get; set; }
    public string? TlsFailDays { get; set; }
    public string? DnsName { get; set; }
    public string? DnsRecordType { get; set; }
    public string? DnsExpected { get; set; }
    public string? DnsResolver { get; set; }
    public string? HeartbeatPeriod { get; set; }
    public string? HeartbeatGrace { get; set; }
    public int Revision { get; set; }

    // The validator's defaults, written out so that people see what they get.
    public static CheckForm New(string? service) => new()
    {
        Service = service, Type = "http", Interval = "1m", Timeout = "10s", Retries = "0", DownAfter = "2", UpAfter = "1", Enabled = true,
        Locations = CheckDefinition.LocalLocation, DownLocations = "1",
        HttpMethod = "GET", TlsPort = "443", TlsWarnDays = "21", TlsFailDays = "7", DnsRecordType = "A", HeartbeatPeriod = "1h", HeartbeatGrace = "5m",
    };

    public static CheckForm From(CheckResponse check)
    {
        var form = New(check.Service);
        form.Name = check.Name;
        form.Description = check.Description;
        form.Type = check.Type;
        form.Enabled = check.Enabled;
        form.Revision = check.Revision;
        if (check.Heartbeat is { } heartbeat)
        {
            (form.HeartbeatPeriod, form.HeartbeatGrace) = (heartbeat.Period, heartbeat.Grace);
            return form;
        }
        (form.Interval, form.Timeout) = (check.Interval, check.Timeout);
        (form.Retries, form.DownAfter, form.UpAfter) = (Text(check.Retries), Text(check.DownAfter), Text(check.UpAfter));
        (form.Locations, form.DownLocations) = (string.Join(", ", check.Locations), Text(check.DownLocations));
        if (check.Http is { } http)
        {
            (form.HttpUrl, form.HttpMethod, form.HttpBodyContains) = (http.Url, http.Method ?? "GET", http.BodyContains);
            form.HttpExpectedStatus = http.ExpectedStatus is { } codes ? string.Join(", ", codes) : null;
            form.HttpLatencyThresholdMs = Text(http.LatencyThresholdMs);
        }
        if (check.Tcp is { } tcp)
        {
            (form.TcpHost, form.TcpPort) = (tcp.Host, Text(tcp.Port));
        }
        if (check.Tls is { } tls)
        {
            (form.TlsHost, form.TlsPort, form.TlsWarnDays, form.TlsFailDays) = (tls.Host, Text(tls.Port) ?? "443", Text(tls.WarnDays) ?? "21", Text(tls.FailDays) ?? "7");
        }
        if (check.Dns is { } dns)
        {
            (form.DnsName, form.DnsRecordType, form.DnsResolver) = (dns.Name, dns.RecordType ?? "A", dns.Resolver);
            form.DnsExpected = dns.Expected is { } expected ? string.Join('\n', expected) : null;
        }
        return form;
    }

    // `stored` is the check as it is now (null when creating): what the form does not show is
    // taken from it. Numbers that do not parse are reported under the validator's field names.
    public CheckRequest ToRequest(CheckResponse? stored, ValidationErrors errors)
    {
        var request = new CheckRequest { Name = Name?.Trim(), Service = Service?.Trim(), Description = Description, Type = Type, Enabled = Enabled };
        if (Type == "heartbeat")
        {
            // Nothing but the period and grace applies to a heartbeat; the validator refuses the rest.
            return request with { Heartbeat = new HeartbeatCheckRequest { Period = Blank(HeartbeatPeriod), Grace = Blank(HeartbeatGrace) } };
        }
        request = request with
        {
            Interval = Blank(Interval),
            Timeout = Blank(Timeout),
            Retries = Number(Retries, "retries", errors),
            DownAfter = Number(DownAfter, "downAfter", errors),
            UpAfter = Number(UpAfter, "upAfter", errors),
            Locations = Blank(Locations)?.Split([',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            DownLocations = Number(DownLocations, "downLocations", errors),
        };
        return Type switch
        {
            "http" => request with
            {
                Http = (stored?.Http ?? new HttpCheckRequest()) with
                {
                    Url = Blank(HttpUrl)?.Trim(),
                    Method = Blank(HttpMethod),
                    ExpectedStatus = Blank(HttpExpectedStatus)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    LatencyThresholdMs = Number(HttpLatencyThresholdMs, "http.latencyThresholdMs", errors),
                    BodyContains = Blank(HttpBodyContains),
                },
            },
            "tcp" => request with { Tcp = (stored?.Tcp ?? new TcpCheckRequest()) with { Host = Blank(TcpHost)?.Trim(), Port = Number(TcpPort, "tcp.port", errors) } },
            "tls" => request with
            {
                Tls = (stored?.Tls ?? new TlsCheckRequest()) with
                {
                    Host = Blank(TlsHost)?.Trim(),
                    Port = Number(TlsPort, "tls.port", errors),
                    WarnDays = Number(TlsWarnDays, "tls.warnDays", errors),
                    FailDays = Number(TlsFailDays, "tls.failDays", errors),
                },
            },
            "dns" => request with
            {
                Dns = (stored?.Dns ?? new DnsCheckRequest()) with
                {
                    Name = Blank(DnsName)?.Trim(),
                    RecordType = Blank(DnsRecordType),
                    Expected = Blank(DnsExpected)?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    Resolver = Blank(DnsResolver)?.Trim(),
                },
            },
            _ => request,
        };
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static string? Text(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static int? Number(string? text, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        errors.Add(field, $"'{text.Trim()}' must be a whole number.");
        return null;
    }
}
