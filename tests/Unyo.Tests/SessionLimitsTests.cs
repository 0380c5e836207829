using Microsoft.Extensions.Configuration;
using Unyo.Features.Accounts.Sessions;

namespace Unyo.Tests;

public sealed class SessionLimitsTests
{
    [Fact]
    public void DefaultsAreTwelveHoursIdleAndSevenDaysAbsolute()
    {
        var limits = SessionLimits.From(Configuration());
        Assert.Equal(TimeSpan.FromHours(12), limits.IdleTimeout);
        Assert.Equal(TimeSpan.FromDays(7), limits.AbsoluteTimeout);
    }

    [Theory]
    [InlineData("480", "1.00:00:00", 480, 1440)]
    [InlineData("00:30:00", "12:00:00", 30, 720)]
    public void MinutesOrTimeSpansAreAccepted(string idle, string absolute, int idleMinutes, int absoluteMinutes)
    {
        var limits = SessionLimits.From(Configuration(idle, absolute));
        Assert.Equal(TimeSpan.FromMinutes(idleMinutes), limits.IdleTimeout);
        Assert.Equal(TimeSpan.FromMinutes(absoluteMinutes), limits.AbsoluteTimeout);
    }

    [Theory]
    [InlineData("soon", null, "UNYO_SESSION_IDLE_TIMEOUT 'soon' is not a duration")]
    [InlineData("00:00:30", null, "shorter than one minute")]
    [InlineData("-5", null, "shorter than one minute")]
    [InlineData("2.00:00:00", "1.00:00:00", "longer than UNYO_SESSION_ABSOLUTE_TIMEOUT")]
    public void BadSettingsStopStartWithTheSettingNamed(string idle, string? absolute, string message)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => SessionLimits.From(Configuration(idle, absolute)));
        Assert.Contains(message, refused.Message);
    }

    [Theory]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "Firefox on Linux")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0", "Edge on Windows")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "Safari on macOS")]
    [InlineData("curl/8.5.0", "curl")]
    [InlineData("", "Unknown device")]
    [InlineData("SomeBot", "SomeBot")]
    public void DevicesAreNamedForPeople(string agent, string expected) => Assert.Equal(expected, DeviceName.From(agent));

    private static IConfiguration Configuration(string? idle = null, string? absolute = null) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["UNYO_SESSION_IDLE_TIMEOUT"] = idle,
            ["UNYO_SESSION_ABSOLUTE_TIMEOUT"] = absolute,
        }).Build();
}
