using System.Text.Json;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Checks.Probes;

// Field rules for the probe blocks of a check (http, tcp, tls, dns), shared by the API, the UI and
// YAML. Keys are the request's field paths (`http.url`, `http.expectedStatus[1]`, `dns.recordType`).
// Whether a target may be probed at all is the target guard's question (TargetGuard.CheckAtCreation).
public static partial class ProbeSettingsValidator
{
    private static readonly JsonSerializerOptions StoredJson = new(JsonSerializerDefaults.Web);

    // Null for heartbeats, which the check's own validator handles, and when a rule failed.
    public static ProbeSettings? Validate(CheckType type, CheckRequest request, ValidationErrors errors)
    {
        if (type == CheckType.Heartbeat)
        {
            return null;
        }
        // Errors of other fields may already be in `errors`; the settings stand or fall by their own.
        var mine = new ValidationErrors();
        CheckNoOtherBlock(type, request, mine);
        ProbeSettings? settings = type switch
        {
            CheckType.Http => ValidateHttp(request.Http, mine),
            CheckType.Tcp => ValidateTcp(request.Tcp, mine),
            CheckType.Tls => ValidateTls(request.Tls, mine),
            CheckType.Dns => ValidateDns(request.Dns, mine),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a probed check type."),
        };
        foreach (var (field, message) in mine.All)
        {
            errors.Add(field, message);
        }
        return mine.IsEmpty ? settings : null;
    }

    // Stored settings were validated on the way in; reading them back goes through the same rules,
    // so settings that no longer pass (after a rule was tightened) are not run half-understood.
    public static ProbeSettings FromStored(CheckType type, string stored)
    {
        var request = type switch
        {
            CheckType.Http => new CheckRequest { Http = JsonSerializer.Deserialize<HttpCheckRequest>(stored, StoredJson) },
            CheckType.Tcp => new CheckRequest { Tcp = JsonSerializer.Deserialize<TcpCheckRequest>(stored, StoredJson) },
            CheckType.Tls => new CheckRequest { Tls = JsonSerializer.Deserialize<TlsCheckRequest>(stored, StoredJson) },
            CheckType.Dns => new CheckRequest { Dns = JsonSerializer.Deserialize<DnsCheckRequest>(stored, StoredJson) },
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Heartbeats have no stored probe settings."),
        };
        var errors = new ValidationErrors();
        return Validate(type, request, errors)
            ?? throw new InvalidOperationException($"Stored {type.ToName()} settings no longer validate: {string.Join("; ", errors.All.Select(e => $"{e.Field}: {e.Message}"))}");
    }

    private static void CheckNoOtherBlock(CheckType type, CheckRequest request, ValidationErrors errors)
    {
        (CheckType Type, object? Block)[] blocks =
            [(CheckType.Http, request.Http), (CheckType.Tcp, request.Tcp), (CheckType.Tls, request.Tls), (CheckType.Dns, request.Dns), (CheckType.Heartbeat, request.Heartbeat)];
        foreach (var (blockType, block) in blocks)
        {
            if (block is not null && blockType != type)
            {
                errors.Add(blockType.ToName(), $"applies only to checks of type {blockType.ToName()}; this check's type is {type.ToName()}.");
            }
        }
    }

    private static ProbeIpVersion CheckIpVersion(string? value, string field, ValidationErrors errors)
    {
        if (value is null)
        {
            return ProbeIpVersion.Any;
        }
        if (Enum.TryParse<ProbeIpVersion>(value, ignoreCase: true, out var version) && Enum.IsDefined(version) && !int.TryParse(value, out _))
        {
            return version;
        }
        errors.Add(field, $"'{value}' must be any, ipv4 or ipv6.");
        return ProbeIpVersion.Any;
    }

    private static int CheckPort(int? port, string field, int? fallback, ValidationErrors errors)
    {
        if (port is null && fallback is { } value)
        {
            return value;
        }
        if (port is not (>= 1 and <= 65535))
        {
            errors.Add(field, port is null ? "is required: a TCP port from 1 to 65535." : $"{port} must be a TCP port from 1 to 65535.");
            return 0;
        }
        return port.Value;
    }

    // A host to connect to: a name or an IP literal, canonical, reachable with the IP version asked for.
    private static string? CheckHost(string? host, string field, ProbeIpVersion version, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            errors.Add(field, "is required: a host name or IP address.");
            return null;
        }
        var canonical = HostNames.Canonical(host, allowUnderscore: false, out var address);
        if (canonical is null)
        {
            errors.Add(field, $"'{host}' {HostNames.Rule}");
            return null;
        }
        CheckFamily(address, field, version, errors);
        return canonical;
    }

    private static void CheckFamily(System.Net.IPAddress? address, string field, ProbeIpVersion version, ValidationErrors errors)
    {
        var family = version.ToAddressFamily();
        if (address is not null && family != System.Net.Sockets.AddressFamily.Unspecified && address.AddressFamily != family)
        {
            errors.Add(field, $"{address} cannot be reached over {version.ToName()} (ipVersion); give the other kind of address or set ipVersion to any.");
        }
    }
}
