using Unyo.Client;
using Unyo.Features.Checks;
using Unyo.Features.Checks.Probes;
using Unyo.Hosting;

namespace Unyo.IntegrationTests.Checks.Probes;

// Settings through the real validator, and the allow list the tests' targets on 127.0.0.1 need.
internal static class ProbeKit
{
    public static readonly TargetAllowList Loopback = TargetAllowList.Parse(["127.0.0.0/8", "::1"], new ValidationErrors());

    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public static ProbeSettings Settings(CheckType type, CheckRequest request)
    {
        var errors = new ValidationErrors();
        var settings = ProbeSettingsValidator.Validate(type, request, errors);
        Assert.True(errors.IsEmpty, string.Join("; ", errors.All.Select(e => $"{e.Field}: {e.Message}")));
        return settings!;
    }

    public static ProbeSettings Http(HttpCheckRequest http) => Settings(CheckType.Http, new CheckRequest { Http = http });

    public static ProbeSettings Tcp(TcpCheckRequest tcp) => Settings(CheckType.Tcp, new CheckRequest { Tcp = tcp });

    public static ProbeSettings Tls(TlsCheckRequest tls) => Settings(CheckType.Tls, new CheckRequest { Tls = tls });

    public static ProbeSettings Dns(DnsCheckRequest dns) => Settings(CheckType.Dns, new CheckRequest { Dns = dns });

    public static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
