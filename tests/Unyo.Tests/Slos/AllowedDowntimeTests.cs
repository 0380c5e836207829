using Unyo.Features.Slos;

namespace Unyo.Tests.Slos;

public sealed class AllowedDowntimeTests
{
    [Theory]
    [InlineData(99, "year", "3d 15h")]
    [InlineData(99.9, "year", "8h 45m")]
    [InlineData(99.9, "month", "43m 12s")]
    [InlineData(99.95, "week", "5m 2s")]
    [InlineData(99.99, "day", "8s")]
    [InlineData(99.999, "year", "5m 15s")]
    [InlineData(99.999, "day", "864ms")]
    public void NinesBecomeDowntimeAsPeopleSayIt(double objective, string period, string expected)
    {
        var length = AllowedDowntime.Periods.Single(p => p.Name == period).Length;
        Assert.Equal(expected, AllowedDowntime.Format(AllowedDowntime.Per(objective, length)));
    }

    [Theory]
    [InlineData("99.95", true)]
    [InlineData("99.9%", true)]
    [InlineData("100", false)]
    [InlineData("0", false)]
    [InlineData("lots", false)]
    public void ObjectivesAreStrictlyBetweenZeroAndAHundred(string text, bool valid) =>
        Assert.Equal(valid, AllowedDowntime.TryParse(text, out _));
}
