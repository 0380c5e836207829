using Microsoft.Extensions.Configuration;
using Unyo.Features.Telemetry.PrometheusSource;

namespace Unyo.Tests.Telemetry;

public sealed class PrometheusSourceOptionsTests
{
    private static PrometheusSourceOptions From(params (string Key, string Value)[] settings) =>
        PrometheusSourceOptions.From(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build());

    [Fact]
    public void DefaultsAreTwoHoursOfBackfillAMinuteOfDelayAndTenSecondsPerRequest()
    {
        Assert.Equal(new PrometheusSourceOptions(TimeSpan.FromHours(2), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(10)), From());
    }

    [Fact]
    public void WholeNumbersAreMinutesOfBackfillAndSecondsOfDelayAndTimeout()
    {
        var options = From(("UNYO_PROMETHEUS_BACKFILL", "1440"), ("UNYO_PROMETHEUS_DELAY", "0"), ("UNYO_PROMETHEUS_TIMEOUT", "00:00:30"));

        Assert.Equal(new PrometheusSourceOptions(TimeSpan.FromDays(1), TimeSpan.Zero, TimeSpan.FromSeconds(30)), options);
    }

    [Theory]
    [InlineData("UNYO_PROMETHEUS_BACKFILL", "0", "must be from 1 min to 100 days")]
    [InlineData("UNYO_PROMETHEUS_BACKFILL", "101.00:00:00", "must be from 1 min to 100 days")]
    [InlineData("UNYO_PROMETHEUS_DELAY", "601", "must be from 0 s to 10 min")]
    [InlineData("UNYO_PROMETHEUS_TIMEOUT", "0", "must be from 1 s to 2 min")]
    [InlineData("UNYO_PROMETHEUS_TIMEOUT", "soon", "is not a duration: give seconds (10) or hh:mm:ss")]
    public void SettingsOutOfRangeStopTheStart(string name, string value, string message)
    {
        var exception = Assert.Throws<InvalidOperationException>(() => From((name, value)));

        Assert.Contains($"{name} '{value}' {message}", exception.Message);
    }
}
