using Unyo.Features.Checks;
using Unyo.Features.Checks.Probes;

namespace Unyo.Tests.Checks;

public sealed class CheckStateRulesTests
{
    private static readonly DateTimeOffset At = new(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);

    private static CheckDefinition Definition(int downAfter = 2, int upAfter = 2, string[]? locations = null, int downLocations = 1, bool enabled = true) =>
        new("home", "shop", null, CheckType.Http, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(10), 0, downAfter, upAfter,
            locations ?? ["local"], downLocations, enabled, null, null);

    private static readonly ProbeResult Up = new(ProbeOutcome.Up, 40, "HTTP 200", null);
    private static readonly ProbeResult Slow = new(ProbeOutcome.Degraded, 900, "slow: 900 ms, threshold 500 ms", null);
    private static readonly ProbeResult Down = new(ProbeOutcome.Down, 12, "HTTP 500, expected 200-299", null);

    [Fact]
    public void DownAfterNFailuresInARowAndUpAfterMSuccesses()
    {
        var state = new CheckState { Status = CheckStatus.Pending };
        var definition = Definition(downAfter: 3, upAfter: 2);
        var changes = new List<string>();
        void Feed(ProbeResult result, int minute)
        {
            if (CheckStateRules.Apply(state, definition, "local", At.AddMinutes(minute), result) is { } change)
            {
                changes.Add($"{minute}:{change.From}→{change.To}");
            }
        }

        Feed(Up, 0);
        Feed(Down, 1);
        Feed(Down, 2);
        Feed(Up, 3);   // the streak breaks: still up
        Feed(Down, 4);
        Feed(Down, 5);
        Feed(Down, 6); // third in a row
        Feed(Up, 7);   // one success is not enough to come back
        Feed(Down, 8);
        Feed(Up, 9);
        Feed(Up, 10);

        Assert.Equal(["0:Pending→Up", "6:Up→Down", "10:Down→Up"], changes);
        Assert.Equal((CheckStatus.Up, "HTTP 200", At.AddMinutes(10)), (state.Status, state.Reason, state.Since));
    }

    [Fact]
    public void SlowAnswersDegradeAtOnceAndNewWordsKeepTheSince()
    {
        var state = new CheckState { Status = CheckStatus.Pending };
        var definition = Definition();

        CheckStateRules.Apply(state, definition, "local", At, Up);
        var degraded = CheckStateRules.Apply(state, definition, "local", At.AddMinutes(1), Slow);
        var again = CheckStateRules.Apply(state, definition, "local", At.AddMinutes(2), Slow with { Reason = "slow: 950 ms, threshold 500 ms" });

        Assert.Equal((CheckStatus.Up, CheckStatus.Degraded), degraded);
        Assert.Null(again);
        Assert.Equal(("slow: 950 ms, threshold 500 ms", At.AddMinutes(1)), (state.Reason, state.Since));
    }

    [Fact]
    public void KOfNLocationsMustBeDownForTheCheckToBeDown()
    {
        var state = new CheckState { Status = CheckStatus.Pending };
        var definition = Definition(downAfter: 1, upAfter: 1, locations: ["eu", "local", "us"], downLocations: 2);

        CheckStateRules.Apply(state, definition, "eu", At, Up);
        CheckStateRules.Apply(state, definition, "local", At, Up);
        CheckStateRules.Apply(state, definition, "us", At, Up);
        var oneDown = CheckStateRules.Apply(state, definition, "eu", At.AddMinutes(1), Down);
        var reasonOne = state.Reason;
        var twoDown = CheckStateRules.Apply(state, definition, "us", At.AddMinutes(1), Down with { Reason = "connection refused" });

        Assert.Equal((CheckStatus.Up, CheckStatus.Degraded), oneDown);
        Assert.Equal("1 of 3 locations down: eu: HTTP 500, expected 200-299 (down when 2 are)", reasonOne);
        Assert.Equal((CheckStatus.Degraded, CheckStatus.Down), twoDown);
        Assert.Equal("2 of 3 locations down: eu: HTTP 500, expected 200-299; us: connection refused", state.Reason);
    }

    [Fact]
    public void ResultsFromALocationTheCheckNoLongerUsesAreIgnored()
    {
        var state = new CheckState { Status = CheckStatus.Pending };

        var change = CheckStateRules.Apply(state, Definition(downAfter: 1), "eu", At, Down);

        Assert.Null(change);
        Assert.Empty(state.Streaks);
    }

    [Fact]
    public void PausingAndResumingStartsOver()
    {
        var state = new CheckState { Status = CheckStatus.Pending };
        var running = Definition(downAfter: 1);
        CheckStateRules.Apply(state, running, "local", At, Down);

        var paused = CheckStateRules.Reconfigure(state, running, running with { Enabled = false }, At.AddMinutes(1));
        var resumed = CheckStateRules.Reconfigure(state, running with { Enabled = false }, running, At.AddMinutes(2));

        Assert.Equal((CheckStatus.Down, CheckStatus.Paused), paused);
        Assert.Equal((CheckStatus.Paused, CheckStatus.Pending), resumed);
        Assert.Empty(state.Streaks);
    }
}
