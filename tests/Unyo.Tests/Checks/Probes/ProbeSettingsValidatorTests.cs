using Unyo.Client;
using Unyo.Features.Checks;
using Unyo.Features.Checks.Probes;
using Unyo.Hosting;

namespace Unyo.Tests.Checks.Probes;

public sealed class ProbeSettingsValidatorTests
{
    private static (ProbeSettings? Settings, Dictionary<string, string[]> Errors) Validate(CheckType type, CheckRequest request)
    {
        var errors = new ValidationErrors();
        var settings = ProbeSettingsValidator.Validate(type, request, errors);
        return (settings, errors.ToDictionary());
    }

    [Fact]
    public void TheBlockOfTheTypeIsRequiredAndNoOtherIsAllowed()
    {
        var (settings, errors) = Validate(CheckType.Tcp, new CheckRequest
        {
            Http = new() { Url = "http://example.com/" },
            Heartbeat = new() { Period = "1h" },
        });

        Assert.Null(settings);
        Assert.Equal(["heartbeat", "http", "tcp"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("applies only to checks of type http; this check's type is tcp.", errors["http"][0]);
        Assert.Contains("is required for type tcp", errors["tcp"][0]);
    }

    [Fact]
    public void HeartbeatsAreLeftToTheCheckValidator()
    {
        var (settings, errors) = Validate(CheckType.Heartbeat, new CheckRequest { Http = new() { Url = "nonsense" }, Heartbeat = new() });

        Assert.Null(settings);
        Assert.Empty(errors);
    }

    [Fact]
    public void ErrorsOfOtherFieldsDoNotSinkValidSettings()
    {
        var errors = new ValidationErrors().Add("name", "is required.");

        var settings = ProbeSettingsValidator.Validate(CheckType.Tcp, new CheckRequest { Tcp = new() { Host = "db.example", Port = 5432 } }, errors);

        Assert.Equal(new TcpProbeSettings { Host = "db.example", Port = 5432 }, settings);
        Assert.Equal(["name"], errors.ToDictionary().Keys);
    }

    [Theory]
    [InlineData(null, 80, "tcp.host", "is required")]
    [InlineData("bad host", 80, "tcp.host", "must be a host name")]
    [InlineData("0x7f.1", 80, "tcp.host", "must be a host name")]
    [InlineData("2130706433", 80, "tcp.host", "must be a host name")]
    [InlineData("db.example", null, "tcp.port", "is required")]
    [InlineData("db.example", 70000, "tcp.port", "from 1 to 65535")]
    public void TcpNeedsAValidHostAndPort(string? host, int? port, string field, string message)
    {
        var (settings, errors) = Validate(CheckType.Tcp, new CheckRequest { Tcp = new() { Host = host, Port = port } });

        Assert.Null(settings);
        Assert.Contains(message, errors[field][0]);
    }

    [Fact]
    public void HostsAreCanonical()
    {
        var (settings, _) = Validate(CheckType.Tcp, new CheckRequest { Tcp = new() { Host = "[2001:DB8::1]", Port = 22 } });
        var (idn, _) = Validate(CheckType.Tls, new CheckRequest { Tls = new() { Host = "Bücher.Example." } });

        Assert.Equal("2001:db8::1", settings!.TargetHost);
        Assert.Equal("xn--bcher-kva.example", idn!.TargetHost);
    }

    [Fact]
    public void TlsDefaultsAndDayThresholds()
    {
        var (settings, _) = Validate(CheckType.Tls, new CheckRequest { Tls = new() { Host = "www.example.com", ServerName = "WWW.example.com" } });
        var contract = (TlsCheckRequest)settings!.ToContract();
        Assert.Equal((443, 21, 7, "any", null), (contract.Port, contract.WarnDays, contract.FailDays, contract.IpVersion, contract.ServerName));

        var (_, inverted) = Validate(CheckType.Tls, new CheckRequest { Tls = new() { Host = "www.example.com", WarnDays = 7, FailDays = 7 } });
        var (_, onlyFail) = Validate(CheckType.Tls, new CheckRequest { Tls = new() { Host = "www.example.com", FailDays = 30 } });
        var (_, negative) = Validate(CheckType.Tls, new CheckRequest { Tls = new() { Host = "www.example.com", FailDays = -1, ServerName = "not valid" } });
        Assert.Equal("warnDays (7) must be greater than failDays (7): a certificate warns before it fails.", inverted["tls.warnDays"][0]);
        Assert.Equal("warnDays (21) must be greater than failDays (30): a certificate warns before it fails.", onlyFail["tls.failDays"][0]);
        Assert.Equal(["tls.failDays", "tls.serverName"], negative.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DnsChecksNameRecordTypeExpectedValuesAndResolver()
    {
        var (_, errors) = Validate(CheckType.Dns, new CheckRequest
        {
            Dns = new() { Name = "www.example.com", RecordType = "AXFR", Expected = ["10.0.0.1"], Resolver = "dns.example" },
        });
        var (_, values) = Validate(CheckType.Dns, new CheckRequest { Dns = new() { Name = "www.example.com", Expected = ["10.0.0.1", "2001:db8::1", "010.0.0.1"] } });
        var (_, address) = Validate(CheckType.Dns, new CheckRequest { Dns = new() { Name = "10.0.0.1" } });

        Assert.Equal(["dns.recordType", "dns.resolver"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("must be one of A, AAAA, CNAME, MX, NS, TXT, SRV, CAA, SOA, PTR", errors["dns.recordType"][0]);
        Assert.Contains("resolvers are not named by host name", errors["dns.resolver"][0]);
        Assert.Equal(["dns.expected[1]", "dns.expected[2]"], values.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("must be an IPv4 address for A records", values["dns.expected[1]"][0]);
        Assert.Contains("is an IP address", address["dns.name"][0]);
    }

    [Theory]
    [InlineData("10.0.0.53", "10.0.0.53:53")]
    [InlineData("10.0.0.53:5353", "10.0.0.53:5353")]
    [InlineData("2001:db8::53", "[2001:db8::53]:53")]
    [InlineData("[2001:db8::53]:5353", "[2001:db8::53]:5353")]
    public void ResolversAreAnAddressAndAnOptionalPort(string resolver, string canonical)
    {
        var (settings, errors) = Validate(CheckType.Dns, new CheckRequest { Dns = new() { Name = "_dmarc.Example.com.", RecordType = "txt", Resolver = resolver } });

        Assert.Empty(errors);
        var contract = (DnsCheckRequest)settings!.ToContract();
        Assert.Equal((canonical, "TXT", "_dmarc.example.com"), (contract.Resolver, contract.RecordType, contract.Name));
    }

    [Theory]
    [InlineData("10.0.0.53:0")]
    [InlineData("10.0.0.53:99999")]
    [InlineData("2001:db8::53]:53")]
    [InlineData("fe80::1%2")]
    public void OtherResolverSpellingsAreRefused(string resolver)
    {
        var (settings, errors) = Validate(CheckType.Dns, new CheckRequest { Dns = new() { Name = "x.example", Resolver = resolver } });

        Assert.Null(settings);
        Assert.Contains("must be an IP address with an optional port", errors["dns.resolver"][0]);
    }

    [Fact]
    public void APtrQuestionMayNameTheAddress()
    {
        var (settings, _) = Validate(CheckType.Dns, new CheckRequest { Dns = new() { Name = "192.0.2.5", RecordType = "PTR", Expected = ["host.example."] } });

        Assert.Equal("5.2.0.192.in-addr.arpa", ((DnsProbeSettings)settings!).Name);
        Assert.Equal(["host.example"], ((DnsProbeSettings)settings).Expected);
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public void StoredSettingsReadBackEqual(string type, CheckRequest request)
    {
        CheckTypeNames.TryParse(type, out var checkType);
        var (settings, errors) = Validate(checkType, request);
        Assert.Empty(errors);

        var stored = settings!.ToStored();
        var read = ProbeSettingsValidator.FromStored(checkType, stored);

        Assert.Equal(settings, read);
        Assert.Equal(stored, read.ToStored());
    }

    public static TheoryData<string, CheckRequest> Requests() => new()
    {
        { "http", new CheckRequest { Http = new() { Url = "https://example.com/a?b=1", Method = "post", Body = "{\"a\":1}", Headers = new() { ["X-B"] = "2", ["Authorization"] = "Bearer t" }, ExpectedStatus = ["201", "200"], LatencyThresholdMs = 800, SlowIs = "failure", BodyRegex = "ok|fine", Json = new() { Path = "$.items[0]['state']", EqualTo = "up" }, FollowRedirects = false, VerifyTls = false, IpVersion = "ipv4", MaxResponseKb = 64 } } },
        { "tcp", new CheckRequest { Tcp = new() { Host = "db.example", Port = 5432, IpVersion = "ipv6" } } },
        { "tls", new CheckRequest { Tls = new() { Host = "10.1.2.3", ServerName = "www.example.com", WarnDays = 30, FailDays = 10 } } },
        { "dns", new CheckRequest { Dns = new() { Name = "example.com", RecordType = "MX", Expected = ["10 mail.example.com"], Resolver = "192.0.2.53" } } },
    };

    [Fact]
    public void StoredSettingsThatNoLongerValidateAreNotRun()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => ProbeSettingsValidator.FromStored(CheckType.Http, """{"url":"gopher://example.com/"}"""));

        Assert.Contains("http.url: 'gopher:' URLs are not probed", exception.Message);
    }
}
