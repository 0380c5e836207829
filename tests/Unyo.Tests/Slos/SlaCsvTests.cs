using System.Globalization;
using Unyo.Client;
using Unyo.Features.Slos.Sla;

namespace Unyo.Tests.Slos;

public sealed class SlaCsvTests
{
    [Fact]
    public void NumbersAndTimesAreInvariantWhateverTheCulture()
    {
        var month = new SlaMonthResponse(
            "2026-03", new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.FromHours(2)),
            "events", 1_234_567, 1_250_000, 98.76536, 99.95, false, 2469.3, 44_000, 44_580, 44_580, 98.7, true, new DateTimeOffset(2026, 4, 1, 2, 0, 0, TimeSpan.Zero), "record");
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");

            var csv = SlaCsv.Write([new SlaReportRowResponse("checkout", "Checkout\nworks", "shop", "web", "Europe/Berlin", month)]);

            Assert.Equal(
                "checkout,\"Checkout\nworks\",shop,web,Europe/Berlin,2026-03,2026-02-28T23:00:00Z,2026-03-31T22:00:00Z,events,1234567,1250000," +
                "98.76536,99.95,false,2469.3,44000,44580,44580,98.7,true,2026-04-01T02:00:00Z,record\r\n",
                csv[(csv.IndexOf("\r\n", StringComparison.Ordinal) + 2)..]);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}
