using System.Net;
using Unyo.Client;
using Unyo.Features.Checks;
using Unyo.Features.Checks.Probes;
using Unyo.Hosting;

namespace Unyo.Tests.Checks.Probes;

public sealed class TargetGuardTests
{
    [Theory]
    [InlineData("127.0.0.1", "a loopback address")]
    [InlineData("127.255.0.9", "a loopback address")]
    [InlineData("::1", "a loopback address")]
    [InlineData("10.0.0.5", "a private address")]
    [InlineData("172.16.0.1", "a private address")]
    [InlineData("172.31.255.255", "a private address")]
    [InlineData("192.168.1.1", "a private address")]
    [InlineData("100.64.0.1", "a carrier-grade NAT address (100.64.0.0/10)")]
    [InlineData("100.127.255.254", "a carrier-grade NAT address (100.64.0.0/10)")]
    [InlineData("169.254.10.1", "a link-local address")]
    [InlineData("fe80::1", "a link-local address")]
    [InlineData("fc00::1", "a unique-local (private) address")]
    [InlineData("fd12:3456::1", "a unique-local (private) address")]
    [InlineData("0.0.0.0", "an unspecified address (0.0.0.0/8 reaches this host)")]
    [InlineData("::", "an unspecified address")]
    [InlineData("224.0.0.1", "a multicast address")]
    [InlineData("ff02::1", "a multicast address")]
    [InlineData("169.254.169.254", "a cloud metadata address")]
    [InlineData("fd00:ec2::254", "a cloud metadata address")]
    [InlineData("100.100.100.200", "a cloud metadata address")]
    [InlineData("::ffff:10.0.0.5", "a private address")]
    [InlineData("::ffff:169.254.169.254", "a cloud metadata address")]
    [InlineData("64:ff9b::7f00:1", "a loopback address (127.0.0.1) behind the NAT64 prefix")]
    public void RestrictedRangesAreNamed(string address, string why)
    {
        Assert.True(TargetGuard.IsRestricted(IPAddress.Parse(address), out var reason));
        Assert.Equal(why, reason);
    }

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("192.0.2.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:93.184.216.34")]
    [InlineData("64:ff9b::5db8:d822")]
    public void PublicAddressesAreNot(string address)
    {
        Assert.False(TargetGuard.IsRestricted(IPAddress.Parse(address), out var reason));
        Assert.Equal("", reason);
    }

    private static Dictionary<string, string[]> AtCreation(CheckType type, CheckRequest request, params string[] allowed)
    {
        var errors = new ValidationErrors();
        var settings = ProbeSettingsValidator.Validate(type, request, errors)!;
        var allowList = TargetAllowList.Parse(allowed, errors);
        Assert.True(errors.IsEmpty);
        TargetGuard.CheckAtCreation(settings, allowList, errors);
        return errors.ToDictionary();
    }

    [Fact]
    public void LiteralRestrictedTargetsAreRefusedAtCreationWithTheWayOut()
    {
        var errors = AtCreation(CheckType.Http, new CheckRequest { Http = new() { Url = "http://0x7f.1:8080/admin" } });

        Assert.Equal("127.0.0.1 is a loopback address; checks may not probe it unless an admin allows it with PUT /api/v1/check-settings (allowedTargets).", errors["http.url"][0]);
        Assert.Contains("a cloud metadata address", AtCreation(CheckType.Tcp, new CheckRequest { Tcp = new() { Host = "169.254.169.254", Port = 80 } })["tcp.host"][0]);
        Assert.Contains("a private address", AtCreation(CheckType.Tls, new CheckRequest { Tls = new() { Host = "10.1.1.1" } })["tls.host"][0]);
        Assert.Contains("a private address", AtCreation(CheckType.Dns, new CheckRequest { Dns = new() { Name = "example.com", Resolver = "192.168.0.1" } })["dns.resolver"][0]);
    }

    [Theory]
    [InlineData("http://localhost:9090/", "localhost names this server itself")]
    [InlineData("http://api.localhost/", "api.localhost names this server itself")]
    [InlineData("http://metadata.google.internal/computeMetadata/v1/", "metadata.google.internal names a cloud metadata service")]
    [InlineData("http://metadata/", "metadata names a cloud metadata service")]
    public void NamesOfThisServerAndMetadataServicesAreRefusedAtCreation(string url, string message) =>
        Assert.StartsWith(message, AtCreation(CheckType.Http, new CheckRequest { Http = new() { Url = url } })["http.url"][0]);

    [Fact]
    public void TheAllowListLetsTargetsThrough()
    {
        Assert.Empty(AtCreation(CheckType.Http, new CheckRequest { Http = new() { Url = "http://127.0.0.1:8080/" } }, "127.0.0.0/8"));
        Assert.Empty(AtCreation(CheckType.Http, new CheckRequest { Http = new() { Url = "http://localhost:8080/" } }, "::1"));
        Assert.Empty(AtCreation(CheckType.Tcp, new CheckRequest { Tcp = new() { Host = "10.1.2.3", Port = 22 } }, "10.1.2.3"));
        Assert.Empty(AtCreation(CheckType.Http, new CheckRequest { Http = new() { Url = "http://metadata.google.internal/" } }, "metadata.google.internal"));
        Assert.Empty(AtCreation(CheckType.Http, new CheckRequest { Http = new() { Url = "https://www.example.com/" } }));
        Assert.NotEmpty(AtCreation(CheckType.Http, new CheckRequest { Http = new() { Url = "http://10.0.0.1/" } }, "10.0.1.0/24", "*.corp.example"));
    }
}
