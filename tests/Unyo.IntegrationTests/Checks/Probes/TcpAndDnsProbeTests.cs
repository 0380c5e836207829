using Unyo.Features.Checks.Probes;
using static Unyo.IntegrationTests.Checks.Probes.ProbeKit;

namespace Unyo.IntegrationTests.Checks.Probes;

public sealed class TcpAndDnsProbeTests : IAsyncDisposable
{
    private readonly HttpTarget _target = new();
    private readonly DnsResponder _dns = new();
    private readonly ProbeRunner _runner = new(TimeProvider.System);

    private Task<ProbeResult> RunAsync(ProbeSettings settings, TimeSpan? timeout = null) =>
        _runner.RunAsync(settings, timeout ?? Patience, 0, Loopback, TestContext.Current.CancellationToken);

    private ProbeSettings Question(string name, string? type = null, params string[] expected) =>
        Dns(new() { Name = name, RecordType = type, Expected = expected.Length == 0 ? null : expected, Resolver = _dns.Endpoint.ToString() });

    [Fact]
    public async Task AnOpenPortIsUpAndAClosedOneIsRefused()
    {
        var port = ClosedPort();

        var open = await RunAsync(Tcp(new() { Host = "127.0.0.1", Port = _target.Port }));
        var closed = await RunAsync(Tcp(new() { Host = "127.0.0.1", Port = port }));

        Assert.Equal((ProbeOutcome.Up, $"127.0.0.1:{_target.Port}"), (open.Outcome, open.Details!["address"]));
        Assert.Equal((ProbeOutcome.Down, $"connection refused by 127.0.0.1:{port}"), (closed.Outcome, closed.Reason));
    }

    [Fact]
    public async Task ExpectedAnswersAreComparedIgnoringCaseAndOrder()
    {
        var any = await RunAsync(Question("WWW.probe.test"));
        var all = await RunAsync(Question("www.probe.test", "A", "10.0.0.2", "10.0.0.1"));
        var txt = await RunAsync(Question("txt.probe.test", "TXT", "V=SPF1 -ALL."));

        Assert.Equal(ProbeOutcome.Up, any.Outcome);
        Assert.Equal(("10.0.0.1, 10.0.0.2", _dns.Endpoint.ToString()), (any.Details!["answers"], any.Details["resolver"]));
        Assert.Equal(ProbeOutcome.Up, all.Outcome);
        Assert.Equal((ProbeOutcome.Up, "v=spf1 -all"), (txt.Outcome, txt.Details!["answers"]));
    }

    [Fact]
    public async Task MissingAnswersNxdomainAndEmptyAnswersAreDown()
    {
        var lacks = await RunAsync(Question("www.probe.test", "A", "10.0.0.1", "10.0.0.9"));
        var nxdomain = await RunAsync(Question("nope.probe.test"));
        var empty = await RunAsync(Question("empty.probe.test"));
        var otherType = await RunAsync(Question("txt.probe.test", "A"));

        Assert.Equal("DNS answer lacks 10.0.0.9 (got 10.0.0.1, 10.0.0.2)", lacks.Reason);
        Assert.Equal($"NXDOMAIN: nope.probe.test does not exist (asked {_dns.Endpoint})", nxdomain.Reason);
        Assert.Equal("no A records for empty.probe.test", empty.Reason);
        Assert.Equal("no A records for txt.probe.test", otherType.Reason);
        Assert.All([lacks, nxdomain, empty, otherType], r => Assert.Equal(ProbeOutcome.Down, r.Outcome));
    }

    [Fact]
    public async Task AResolverThatDoesNotAnswerTimesOut()
    {
        var result = await RunAsync(Question("silent.probe.test"), TimeSpan.FromMilliseconds(500));

        Assert.Equal((ProbeOutcome.Down, $"timed out after 500 ms waiting for {_dns.Endpoint} to answer"), (result.Outcome, result.Reason));
        Assert.Equal(1, _dns.Questions);
    }

    public async ValueTask DisposeAsync()
    {
        _runner.Dispose();
        await _dns.DisposeAsync();
        await _target.DisposeAsync();
    }
}
