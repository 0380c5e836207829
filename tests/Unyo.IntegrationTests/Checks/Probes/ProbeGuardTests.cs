using Unyo.Features.Checks.Probes;
using static Unyo.IntegrationTests.Checks.Probes.ProbeKit;

namespace Unyo.IntegrationTests.Checks.Probes;

// The run-time half of the target guard: every address a probe connects to is judged, whatever
// passed at creation (a name that resolves to a private address, a redirect to one).
public sealed class ProbeGuardTests : IAsyncDisposable
{
    private const string Hint = "an admin can allow it with PUT /api/v1/check-settings (allowedTargets)";

    private readonly HttpTarget _target = new();
    private readonly ProbeRunner _runner = new(TimeProvider.System);

    private Task<ProbeResult> RunAsync(ProbeSettings settings, TargetAllowList allowed) =>
        _runner.RunAsync(settings, Patience, 0, allowed, TestContext.Current.CancellationToken);

    [Fact]
    public async Task TheSameProbeWithoutTheAllowListIsRefusedWithTheReason()
    {
        var settings = Http(new() { Url = _target.Url("/ok") });

        var allowed = await RunAsync(settings, Loopback);
        var refused = await RunAsync(settings, TargetAllowList.Empty);

        Assert.Equal(ProbeOutcome.Up, allowed.Outcome);
        Assert.Equal((ProbeOutcome.Down, $"refused: 127.0.0.1 is a loopback address; {Hint}"), (refused.Outcome, refused.Reason));
        Assert.Equal(1, _target.Connections);
    }

    [Fact]
    public async Task ANameResolvingToARestrictedAddressIsRefusedNamingBoth()
    {
        var result = await RunAsync(Http(new() { Url = _target.Url("/ok", "localhost") }), TargetAllowList.Empty);

        Assert.Equal(ProbeOutcome.Down, result.Outcome);
        Assert.Matches($@"^refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address; {Hint.Replace("(", @"\(").Replace(")", @"\)")}$", result.Reason);
        Assert.Equal(0, _target.Connections);
    }

    [Fact]
    public async Task AnAllowedNameMayResolveToARestrictedAddress()
    {
        var result = await RunAsync(Http(new() { Url = _target.Url("/ok", "localhost"), IpVersion = "ipv4" }), TargetAllowList.Parse(["localhost"], new()));

        Assert.Equal(ProbeOutcome.Up, result.Outcome);
        Assert.Equal($"127.0.0.1:{_target.Port}", result.Details!["address"]);
    }

    [Fact]
    public async Task ARedirectToARestrictedAddressIsRefusedAtItsHop()
    {
        var hop = $"http://127.0.0.2:{_target.Port}/ok";
        var settings = Http(new() { Url = _target.Url("/redirect-to?to=" + Uri.EscapeDataString(hop)) });

        var result = await RunAsync(settings, TargetAllowList.Parse(["127.0.0.1"], new()));

        Assert.Equal(ProbeOutcome.Down, result.Outcome);
        Assert.Equal($"refused: 127.0.0.2 is a loopback address; {Hint} (after 1 redirect, at {hop})", result.Reason);
        Assert.Equal(("1", hop), (result.Details!["redirects"], result.Details["finalUrl"]));
        Assert.Equal(1, _target.Connections);
    }

    [Fact]
    public async Task TcpAndTlsConnectsAndDnsResolversAreGuardedToo()
    {
        var tcp = await RunAsync(Tcp(new() { Host = "127.0.0.1", Port = _target.Port }), TargetAllowList.Empty);
        var tls = await RunAsync(Tls(new() { Host = "localhost", Port = _target.Port, IpVersion = "ipv4" }), TargetAllowList.Empty);
        var dns = await RunAsync(Dns(new() { Name = "www.probe.test", Resolver = "127.0.0.1:53" }), TargetAllowList.Empty);

        Assert.Equal($"refused: 127.0.0.1 is a loopback address; {Hint}", tcp.Reason);
        Assert.Equal($"refused: localhost resolves to 127.0.0.1, a loopback address; {Hint}", tls.Reason);
        Assert.Equal($"refused: resolver 127.0.0.1 is a loopback address; {Hint}", dns.Reason);
        Assert.All([tcp, tls, dns], r => Assert.Equal(ProbeOutcome.Down, r.Outcome));
        Assert.Equal(0, _target.Connections);
    }

    public async ValueTask DisposeAsync()
    {
        _runner.Dispose();
        await _target.DisposeAsync();
    }
}
