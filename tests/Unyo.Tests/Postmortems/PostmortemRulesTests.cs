using Unyo.Client;
using Unyo.Features.Incidents;
using Unyo.Features.Postmortems;
using Unyo.Hosting;

namespace Unyo.Tests.Postmortems;

/// The postmortem rules that need no database: what counts as an empty impact, when an action
/// item is closed or overdue, how the timeline is imported, and what an action item accepts.
public sealed class PostmortemRulesTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private static Postmortem New() =>
        PostmortemTemplate.New(new Incident { Id = 7, Title = "Checkout down", Source = "ui", DeclaredBy = "a@example.test" }, [], "a@example.test", At);

    [Fact]
    public void TheTemplateGuidanceAloneIsAnEmptyImpactAndAnyWordOfImpactIsNot()
    {
        var untouched = New();
        var withUsers = New();
        withUsers.ImpactUsers = "5% of checkouts";
        var withWords = New();
        withWords.ImpactSummary = PostmortemTemplate.ImpactGuidance + "Checkout was down for every EU user.";

        Assert.True(untouched.ImpactIsEmpty);
        Assert.False(withUsers.ImpactIsEmpty);
        Assert.False(withWords.ImpactIsEmpty);
    }

    [Theory]
    [InlineData(ActionItemStatus.Open, null, "2026-03-01", false, true)]
    [InlineData(ActionItemStatus.InProgress, null, "2026-03-02", false, false)]
    [InlineData(ActionItemStatus.Done, null, "2026-01-01", true, false)]
    [InlineData(ActionItemStatus.Declined, "covered by the SLO alert", "2026-01-01", true, false)]
    [InlineData(ActionItemStatus.Declined, " ", "2026-01-01", false, true)]
    public void AnItemIsClosedWhenDoneOrDeclinedWithAReasonAndOverdueFromTheDayAfterItsDueDate(ActionItemStatus status, string? reason, string due, bool closed, bool overdue)
    {
        var item = new ActionItem { Title = "x", Status = status, DeclineReason = reason, DueOn = DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Equal((closed, overdue), (item.Closed, item.OverdueOn(new DateOnly(2026, 3, 2))));
    }

    [Fact]
    public void TheTimelineIsImportedAsOneMarkdownLinePerEntryOldestFirst()
    {
        IncidentTimelineEntry[] entries =
        [
            new() { At = At, Kind = IncidentTimelineKind.Declared, Actor = "ic@example.test", Text = "Declared SEV2" },
            new() { At = At.AddMinutes(3), Kind = IncidentTimelineKind.Note, Actor = "ops@example.test", Text = "Restarted\n\nthe *pool*" },
            new() { At = At.AddMinutes(9), Kind = IncidentTimelineKind.Milestone, Actor = "unyo" },
        ];

        Assert.Equal(
            "- **2026-03-02 10:00:00 UTC** · Declared · ic@example.test: Declared SEV2\n" +
            "- **2026-03-02 10:03:00 UTC** · Note · ops@example.test: Restarted the *pool*\n" +
            "- **2026-03-02 10:09:00 UTC** · Milestone · unyo\n",
            PostmortemTemplate.TimelineMarkdown(entries));
        Assert.Equal("_The incident's timeline was empty._\n", PostmortemTemplate.TimelineMarkdown([]));
    }

    [Theory]
    [InlineData("ftp://tracker.example.test/1")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative/ticket")]
    public void ATicketLinkMustBeAnAbsoluteHttpOrHttpsUrl(string url)
    {
        var errors = new ValidationErrors();

        Assert.Null(ActionItemSpec.Validate(new ActionItemRequest { Title = "Fix it", TicketUrl = url }, errors));
        Assert.True(errors.Has("ticketUrl"));
    }

    [Fact]
    public void AnItemDefaultsToOpenAndP3()
    {
        var spec = ActionItemSpec.Validate(new ActionItemRequest { Title = "  Add a canary  ", Priority = "p1", TicketUrl = "https://tracker.example.test/OPS-1" }, new ValidationErrors());
        var plain = ActionItemSpec.Validate(new ActionItemRequest { Title = "Write the runbook" }, new ValidationErrors());

        Assert.Equal(("Add a canary", ActionItemPriority.P1, ActionItemStatus.Open), (spec!.Title, spec.Priority, spec.Status));
        Assert.Equal((ActionItemPriority.P3, ActionItemStatus.Open, (DateOnly?)null), (plain!.Priority, plain.Status, plain.DueOn));
    }

    [Fact]
    public void ALongIncidentTitleStillMakesAPostmortemTitleThatFits()
    {
        var title = PostmortemTemplate.Title(new string('x', 200));

        Assert.Equal(200, title.Length);
        Assert.StartsWith("Postmortem: xxx", title, StringComparison.Ordinal);
        Assert.EndsWith("x…", title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.2222222, "22.2% of the budget (1,200 of 5,400 bad events)")]
    [InlineData(null, "no budget to measure against (1,200 bad events, no data in the SLO window)")]
    public void TheBudgetSpentReadsAsAShareOfTheBudget(double? share, string expected) =>
        Assert.Equal(expected, PostmortemText.Spent(new BudgetSpentResponse("checkout", "shop", "events", 1200, share is null ? 0 : 5400, share)));
}
