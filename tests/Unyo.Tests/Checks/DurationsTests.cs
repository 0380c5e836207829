using Unyo.Hosting;

namespace Unyo.Tests.Checks;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("10s", 10)]
    [InlineData("5m", 300)]
    [InlineData("1h30m", 5400)]
    [InlineData("2d", 172_800)]
    [InlineData(" 90s ", 90)]
    public void ReadsDurationsAsPeopleWriteThem(string text, int seconds)
    {
        Assert.True(Durations.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("m5")]
    [InlineData("30m1h")]
    [InlineData("1h1h")]
    [InlineData("1.5h")]
    [InlineData("10x")]
    public void RefusesWhatIsNotADuration(string text) => Assert.False(Durations.TryParse(text, out _));

    [Theory]
    [InlineData(90, "1m30s")]
    [InlineData(3600, "1h")]
    [InlineData(86_400 + 60, "1d1m")]
    public void FormatsTheShortestForm(int seconds, string text) => Assert.Equal(text, Durations.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void ReadNamesTheFieldAndTheRange()
    {
        var errors = new ValidationErrors();

        Durations.Read("5s", "interval", TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(10), TimeSpan.FromHours(24), errors);
        Durations.Read("often", "timeout", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), errors);

        Assert.Equal(
            [("interval", "must be between 10s and 1d (got 5s)."), ("timeout", "'often' is not a duration: write a number with a unit, e.g. 30s, 5m, 1h or 1h30m.")],
            errors.All.ToList());
    }
}
