using Unyo.Features.Checks.Probes;
using static Unyo.IntegrationTests.Checks.Probes.ProbeKit;

namespace Unyo.IntegrationTests.Checks.Probes;

public sealed class TlsProbeTests : IAsyncDisposable
{
    private readonly HttpTarget _target = new(TestCertificates.For);
    private readonly ProbeRunner _trusting = new(TimeProvider.System, TestCertificates.TrustedRoots);
    private readonly ProbeRunner _system = new(TimeProvider.System);

    private Task<ProbeResult> CertificateAsync(string serverName, ProbeRunner? runner = null) =>
        (runner ?? _trusting).RunAsync(Tls(new() { Host = "127.0.0.1", Port = _target.Port, ServerName = serverName }), Patience, 0, Loopback, TestContext.Current.CancellationToken);

    private static string Unknown(string name) =>
        $"TLS: incomplete chain: the issuer CN=Unyo Probe Test Root of CN={name} is unknown (a private CA, or an intermediate certificate the server does not send)";

    [Fact]
    public async Task AGoodCertificateIsUpWithItsExpiryAndSniIsSent()
    {
        var result = await CertificateAsync("good.test");

        Assert.Equal(ProbeOutcome.Up, result.Outcome);
        Assert.Matches(@"^certificate valid for (89|90) days more \(until \d{4}-\d\d-\d\d \d\d:\d\d UTC\)$", result.Reason);
        Assert.Equal(("CN=good.test", "CN=Unyo Probe Test Root"), (result.Details!["certificateSubject"], result.Details["certificateIssuer"]));
        Assert.Contains(result.Details["daysLeft"], new[] { "89", "90" });
        Assert.Equal($"127.0.0.1:{_target.Port}", result.Details["address"]);
        Assert.Equal("good.test", Assert.Single(_target.ServerNames));
    }

    [Fact]
    public async Task FewDaysLeftWarnThenFail()
    {
        var soon = await CertificateAsync("soon.test");
        var dying = await CertificateAsync("dying.test");

        Assert.Equal(ProbeOutcome.Degraded, soon.Outcome);
        Assert.Matches(@"^TLS: certificate expires in 10 days \(on .+ UTC\), under warnDays 21$", soon.Reason);
        Assert.Equal(ProbeOutcome.Down, dying.Outcome);
        Assert.Matches(@"^TLS: certificate expires in 3 days \(on .+ UTC\), under failDays 7$", dying.Reason);
        Assert.Equal("3", dying.Details!["daysLeft"]);
    }

    [Fact]
    public async Task ExpiredWrongNameAndUntrustedCertificatesAreDownSayingWhy()
    {
        var expired = await CertificateAsync("expired.test");
        var wrongName = await CertificateAsync("b.example");
        var untrusted = await CertificateAsync("good.test", _system);
        var selfSigned = await CertificateAsync("self.test");

        Assert.Matches(@"^TLS: certificate expired on \d{4}-\d\d-\d\d \d\d:\d\d UTC \(CN=expired.test\)$", expired.Reason);
        Assert.Equal("TLS: certificate is for a.example, not b.example", wrongName.Reason);
        Assert.Equal(Unknown("good.test"), untrusted.Reason);
        Assert.Equal("TLS: untrusted root: CN=self.test is not a trusted certificate authority", selfSigned.Reason);
        Assert.All([expired, wrongName, untrusted, selfSigned], r => Assert.Equal(ProbeOutcome.Down, r.Outcome));
        Assert.True(int.Parse(expired.Details!["daysLeft"], System.Globalization.CultureInfo.InvariantCulture) < 0);
    }

    [Fact]
    public async Task HttpsVerifiesTheCertificateUnlessToldNotTo()
    {
        var url = _target.Url("/ok", "localhost");

        var trusted = await _trusting.RunAsync(Http(new() { Url = url, IpVersion = "ipv4" }), Patience, 0, Loopback, TestContext.Current.CancellationToken);
        var untrusted = await _system.RunAsync(Http(new() { Url = url, IpVersion = "ipv4" }), Patience, 0, Loopback, TestContext.Current.CancellationToken);
        var unverified = await _system.RunAsync(Http(new() { Url = url, IpVersion = "ipv4", VerifyTls = false }), Patience, 0, Loopback, TestContext.Current.CancellationToken);
        var byAddress = await _trusting.RunAsync(Http(new() { Url = _target.Url("/ok") }), Patience, 0, Loopback, TestContext.Current.CancellationToken);

        Assert.Equal((ProbeOutcome.Up, "200"), (trusted.Outcome, trusted.Details!["statusCode"]));
        Assert.Equal((ProbeOutcome.Down, Unknown("localhost")), (untrusted.Outcome, untrusted.Reason));
        Assert.Equal(ProbeOutcome.Up, unverified.Outcome);
        Assert.Equal((ProbeOutcome.Down, "TLS: certificate is for a.example, not 127.0.0.1"), (byAddress.Outcome, byAddress.Reason));
    }

    [Fact]
    public async Task APortThatDoesNotSpeakTlsFailsTheHandshake()
    {
        await using var plain = new HttpTarget();

        var result = await _trusting.RunAsync(Tls(new() { Host = "127.0.0.1", Port = plain.Port, ServerName = "good.test" }), Patience, 0, Loopback, TestContext.Current.CancellationToken);

        Assert.Equal(ProbeOutcome.Down, result.Outcome);
        Assert.StartsWith($"TLS handshake with 127.0.0.1:{plain.Port} failed: ", result.Reason);
    }

    public async ValueTask DisposeAsync()
    {
        _trusting.Dispose();
        _system.Dispose();
        await _target.DisposeAsync();
    }
}
