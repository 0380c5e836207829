using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Checks.Probes;

public static partial class ProbeSettingsValidator
{
    public const int MaxCertificateDays = 365;

    private static TcpProbeSettings? ValidateTcp(TcpCheckRequest? tcp, ValidationErrors errors)
    {
        if (tcp is null)
        {
            errors.Add("tcp", "is required for type tcp: the host and port that must accept connections.");
            return null;
        }
        var version = CheckIpVersion(tcp.IpVersion, "tcp.ipVersion", errors);
        var host = CheckHost(tcp.Host, "tcp.host", version, errors);
        var port = CheckPort(tcp.Port, "tcp.port", null, errors);
        return host is null || port == 0 ? null : new TcpProbeSettings { Host = host, Port = port, IpVersion = version };
    }

    private static TlsProbeSettings? ValidateTls(TlsCheckRequest? tls, ValidationErrors errors)
    {
        if (tls is null)
        {
            errors.Add("tls", "is required for type tls: at least the host whose certificate to watch.");
            return null;
        }
        var version = CheckIpVersion(tls.IpVersion, "tls.ipVersion", errors);
        var host = CheckHost(tls.Host, "tls.host", version, errors);
        var port = CheckPort(tls.Port, "tls.port", TlsProbeSettings.DefaultPort, errors);
        string? serverName = null;
        if (tls.ServerName is not null)
        {
            serverName = HostNames.Canonical(tls.ServerName, allowUnderscore: false, out _);
            if (serverName is null)
            {
                errors.Add("tls.serverName", $"'{tls.ServerName}' {HostNames.Rule}");
            }
        }
        var warn = tls.WarnDays ?? TlsProbeSettings.DefaultWarnDays;
        var fail = tls.FailDays ?? TlsProbeSettings.DefaultFailDays;
        if (warn is < 0 or > MaxCertificateDays)
        {
            errors.Add("tls.warnDays", $"{warn} must be 0 to {MaxCertificateDays} (days before expiry).");
        }
        if (fail is < 0 or > MaxCertificateDays)
        {
            errors.Add("tls.failDays", $"{fail} must be 0 to {MaxCertificateDays} (days before expiry).");
        }
        else if (warn <= fail)
        {
            // The field the request gave is the one named; with both given, warnDays is the odd one out.
            var field = tls.WarnDays is null ? "tls.failDays" : "tls.warnDays";
            errors.Add(field, $"warnDays ({warn}) must be greater than failDays ({fail}): a certificate warns before it fails.");
        }
        return host is null || port == 0 || errors.Has("tls.serverName") ? null : new TlsProbeSettings
        {
            Host = host,
            Port = port,
            ServerName = serverName == host ? null : serverName,
            WarnDays = warn,
            FailDays = fail,
            IpVersion = version,
        };
    }
}
