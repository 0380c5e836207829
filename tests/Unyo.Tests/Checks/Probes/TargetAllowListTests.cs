using System.Net;
using Unyo.Features.Checks.Probes;
using Unyo.Hosting;

namespace Unyo.Tests.Checks.Probes;

public sealed class TargetAllowListTests
{
    [Fact]
    public void EntriesAreAddressesRangesNamesAndWildcardsInCanonicalForm()
    {
        var errors = new ValidationErrors();

        var list = TargetAllowList.Parse(["10.0.0.0/8", " Intranet.Example. ", "*.Corp.Example", "::1", "FD00::/8", "10.0.0.0/8", "[2001:db8::5]"], errors);

        Assert.True(errors.IsEmpty);
        Assert.Equal(["10.0.0.0/8", "intranet.example", "*.corp.example", "::1", "fd00::/8", "2001:db8::5"], list.Entries);
    }

    [Fact]
    public void BadEntriesAreNamedByIndex()
    {
        var errors = new ValidationErrors();

        var list = TargetAllowList.Parse(["10.1.2.3/8", "10.0.0.0/33", "*", "*.10.0.0.1", "bad host", "ok.example"], errors, "checks.allowedTargets");

        Assert.Equal(["ok.example"], list.Entries);
        var messages = errors.ToDictionary();
        Assert.Equal(["checks.allowedTargets[0]", "checks.allowedTargets[1]", "checks.allowedTargets[2]", "checks.allowedTargets[3]", "checks.allowedTargets[4]"], messages.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("'10.1.2.3/8' has bits set beyond its prefix; did you mean 10.0.0.0/8?", messages["checks.allowedTargets[0]"][0]);
        Assert.Contains("is not a CIDR range", messages["checks.allowedTargets[1]"][0]);
    }

    [Fact]
    public void TooManyEntriesAreRefused()
    {
        var errors = new ValidationErrors();

        var list = TargetAllowList.Parse([.. Enumerable.Range(0, 501).Select(i => $"h{i}.example")], errors);

        Assert.Same(TargetAllowList.Empty, list);
        Assert.Contains("at most 500", errors.ToDictionary()["allowedTargets"][0]);
    }

    [Fact]
    public void AddressesMatchRangesAndMappedAddressesToo()
    {
        var list = TargetAllowList.Parse(["10.0.0.0/8", "fd00::/8", "192.168.1.7"], new ValidationErrors());

        Assert.True(list.Allows(IPAddress.Parse("10.200.3.4")));
        Assert.True(list.Allows(IPAddress.Parse("::ffff:10.200.3.4")));
        Assert.True(list.Allows(IPAddress.Parse("fd12::1")));
        Assert.True(list.Allows(IPAddress.Parse("192.168.1.7")));
        Assert.False(list.Allows(IPAddress.Parse("192.168.1.8")));
        Assert.False(list.Allows(IPAddress.Parse("11.0.0.1")));
        Assert.True(list.Allows("10.9.9.9"));
    }

    [Fact]
    public void NamesMatchExactlyAndWildcardsMatchBelowTheirSuffix()
    {
        var list = TargetAllowList.Parse(["intranet.example", "*.corp.example"], new ValidationErrors());

        Assert.True(list.Allows("INTRANET.example."));
        Assert.False(list.Allows("www.intranet.example"));
        Assert.True(list.Allows("a.corp.example"));
        Assert.True(list.Allows("b.a.corp.example"));
        Assert.False(list.Allows("corp.example"));
        Assert.False(list.Allows("evilcorp.example"));
        Assert.False(list.Allows(IPAddress.Loopback));
    }

    [Fact]
    public void TheEmptyListAllowsNothing()
    {
        Assert.Same(TargetAllowList.Empty, TargetAllowList.Parse(null, new ValidationErrors()));
        Assert.Empty(TargetAllowList.Empty.Entries);
        Assert.False(TargetAllowList.Empty.Allows(IPAddress.Loopback));
        Assert.False(TargetAllowList.Empty.Allows("localhost"));
    }
}
