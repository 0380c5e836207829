using Unyo.Features.Checks;

namespace Unyo.Tests.Checks;

public sealed class CheckSlotsTests
{
    [Fact]
    public void ManyChecksWithOneIntervalSpreadEvenlyOverIt()
    {
        var interval = TimeSpan.FromSeconds(60);
        var start = new DateTimeOffset(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);
        var perSecond = new int[60];
        for (var i = 0; i < 6000; i++)
        {
            var next = CheckSlots.Next(Guid.CreateVersion7(start.AddMilliseconds(i)), interval, start);
            perSecond[(int)(next - start).TotalSeconds]++;
        }

        // 100 per second on average; a herd would put thousands in one second.
        Assert.All(perSecond, count => Assert.InRange(count, 55, 150));
    }

    [Fact]
    public void TheNextRunIsAtOrAfterTheInstantAndKeepsItsOffset()
    {
        var id = Guid.CreateVersion7();
        var interval = TimeSpan.FromSeconds(30);
        var at = new DateTimeOffset(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);

        var first = CheckSlots.Next(id, interval, at);
        var second = CheckSlots.Next(id, interval, first.AddMilliseconds(1));
        var same = CheckSlots.Next(id, interval, first);

        Assert.InRange(first, at, at + interval);
        Assert.Equal(first + interval, second);
        Assert.Equal(first, same);
    }
}
