using System.Xml.Linq;
using Unyo.Client;
using Unyo.Features.StatusPages.Public;
using Unyo.Features.StatusPages.Subscriptions;
using Unyo.Features.StatusPages.Updates;
using Unyo.Hosting;

namespace Unyo.Tests.StatusPages;

public sealed class StatusPageRulesTests
{
    [Theory]
    [InlineData("reader@example.com", "reader@example.com")]
    [InlineData("  Reader@Example.COM ", "reader@example.com")]
    [InlineData("not an address", null)]
    [InlineData("a@b", null)]
    [InlineData("Reader <reader@example.com>", null)]
    [InlineData("two@@example.com", null)]
    [InlineData("", null)]
    public void AnEmailIsAcceptedOnlyAsAPlainAddress(string input, string? expected)
    {
        var errors = new ValidationErrors();

        var address = Subscriptions.Normalise(input, errors);

        Assert.Equal(expected, address);
        Assert.Equal(expected is null, errors.Has("email"));
    }

    [Fact]
    public void AnUpdateNeedsPagesAKnownStatusAndAMessageWithoutControlCharacters()
    {
        var errors = new ValidationErrors();

        var spec = StatusUpdateValidator.Validate(new StatusUpdateRequest { Pages = ["Bad Page"], Status = "2", Message = "bell\a", Title = new string('t', 201) }, errors);

        Assert.Null(spec);
        Assert.True(errors.Has("pages[0]"));
        Assert.True(errors.Has("status"));
        Assert.True(errors.Has("message"));
        Assert.True(errors.Has("title"));
    }

    [Theory]
    [InlineData(1, ComponentStatus.MajorOutage)]
    [InlineData(2, ComponentStatus.PartialOutage)]
    [InlineData(3, ComponentStatus.Degraded)]
    [InlineData(4, ComponentStatus.Degraded)]
    public void SeverityMapsToWhatUsersFeel(int severity, ComponentStatus expected) =>
        Assert.Equal(expected, ComponentStatusNames.OfSeverity(severity));

    [Fact]
    public void TheAtomFeedIsWellFormedAndCarriesMarkupAsText()
    {
        var at = new DateTimeOffset(2026, 11, 25, 7, 0, 0, TimeSpan.Zero);
        var incident = new StatusSnapshot.Incident(7, "Checkout <b>down</b>", "identified", ComponentStatus.PartialOutage, ["Checkout"], at, null,
            [new StatusSnapshot.Update(2, "identified", "</content><script>x</script>", at.AddMinutes(5)), new StatusSnapshot.Update(1, "investigating", "Looking", at)]);
        var snapshot = new StatusSnapshot("acme", "Acme & co", null, ComponentStatus.PartialOutage, [], [incident], [], [], at.AddMinutes(6));

        var feed = XDocument.Parse(System.Text.Encoding.UTF8.GetString(AtomFeed.Write(snapshot, new Uri("https://status.example.com/status/acme"))));

        XNamespace ns = "http://www.w3.org/2005/Atom";
        Assert.Equal("Acme & co updates", feed.Root!.Element(ns + "title")!.Value);
        Assert.Equal("2026-11-25T07:05:00Z", feed.Root.Element(ns + "updated")!.Value);
        var entries = feed.Root.Elements(ns + "entry").ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal("</content><script>x</script>", entries[0].Element(ns + "content")!.Value);
        Assert.Equal("Identified: Checkout <b>down</b>", entries[0].Element(ns + "title")!.Value);
        Assert.Equal("https://status.example.com/status/acme#update-2", entries[0].Element(ns + "id")!.Value);
    }
}
