using Unyo.Features.Alerts;
using Unyo.Features.Alerts.Matching;
using Unyo.Features.Notifications;
using Unyo.Features.Notifications.Routes;

namespace Unyo.Tests.Notifications;

public sealed class RouteTableTests
{
    private static readonly RouteChannel PaymentsPager = Channel("payments-pager", "payments", ChannelUse.Paging);
    private static readonly RouteChannel PaymentsChat = Channel("payments-chat", "payments", ChannelUse.Chat);
    private static readonly RouteChannel PaymentsEmail = Channel("payments-email", "payments", ChannelUse.Chat);
    private static readonly RouteChannel OpsWebhook = Channel("ops-webhook", "ops", ChannelUse.Chat);
    private static readonly RouteChannel[] Channels = [PaymentsPager, PaymentsChat, PaymentsEmail, OpsWebhook];

    private static RouteChannel Channel(string name, string team, ChannelUse use, bool enabled = true) => new(Guid.NewGuid(), name, team, use, enabled);

    private static AlertRouteSpec Route(string name, int order, string[] channels, string? team = null, bool @continue = false, bool enabled = true,
        string[]? services = null, AlertSeverity[]? severities = null, AlertUrgency[]? urgencies = null, string[]? matchers = null) =>
        new(name, team, order, services ?? [], severities ?? [], urgencies ?? [], [.. (matchers ?? []).Select(LabelMatchers.FromStored)], channels, @continue, enabled);

    private static AlertFacts Facts(string service = "checkout", string team = "payments", AlertUrgency urgency = AlertUrgency.High,
        AlertSeverity severity = AlertSeverity.Critical, params (string, string)[] labels) =>
        new(service, team, severity, urgency, "test", null, labels.ToDictionary(l => l.Item1, l => l.Item2));

    [Fact]
    public void RoutesAreTriedByOrderThenNameAndTheFirstMatchDecides()
    {
        var table = new RouteTable([
            Route("b-critical", 10, ["payments-email"], severities: [AlertSeverity.Critical]),
            Route("a-critical", 10, ["payments-chat"], severities: [AlertSeverity.Critical]),
            Route("first", 5, ["ops-webhook"], severities: [AlertSeverity.Info]),
        ], Channels);

        var decision = table.Route(Facts());

        Assert.Equal(["a-critical"], decision.Routes);
        Assert.Equal([PaymentsChat.Id], decision.ChannelIds);
        Assert.False(decision.UsedDefault);
        Assert.Null(decision.Reason);
    }

    [Fact]
    public void ContinueKeepsEvaluatingAndChannelsAreNotifiedOnceInOrder()
    {
        var table = new RouteTable([
            Route("everything", 1, ["ops-webhook", "payments-chat"], @continue: true),
            Route("checkout", 2, ["payments-chat", "payments-pager"], services: ["checkout"]),
            Route("never-reached", 3, ["payments-email"]),
        ], Channels);

        var decision = table.Route(Facts());
        var preview = table.Preview(Facts());

        Assert.Equal(["everything", "checkout"], decision.Routes);
        Assert.Equal([OpsWebhook.Id, PaymentsChat.Id, PaymentsPager.Id], decision.ChannelIds);
        Assert.Equal(["ops-webhook", "payments-chat", "payments-pager"], preview.Channels);
        Assert.Equal([true, true, false], preview.Steps.Select(s => s.Matched));
        Assert.StartsWith("not reached", preview.Steps[2].Reason);
    }

    [Fact]
    public void WithoutAMatchHighUrgencyGoesToTheTeamsPagingChannelsAndLowToItsChatChannels()
    {
        var table = new RouteTable([Route("search-only", 1, ["ops-webhook"], services: ["search"])], Channels);

        var high = table.Route(Facts(urgency: AlertUrgency.High));
        var low = table.Route(Facts(urgency: AlertUrgency.Low));

        Assert.True(high.UsedDefault);
        Assert.Equal([PaymentsPager.Id], high.ChannelIds);
        Assert.Equal("no route matched; sent to team payments's paging channels", high.Reason);
        Assert.Equal([PaymentsChat.Id, PaymentsEmail.Id], low.ChannelIds);
        Assert.Empty(low.Routes);
    }

    [Fact]
    public void WithNoChannelAtAllTheDecisionIsEmptyAndSaysWhy()
    {
        var table = new RouteTable([], [Channel("off", "payments", ChannelUse.Paging, enabled: false), PaymentsChat]);

        var decision = table.Route(Facts());

        Assert.Empty(decision.ChannelIds);
        Assert.True(decision.UsedDefault);
        Assert.Equal("no route matched; team payments has no paging channel", decision.Reason);
    }

    [Fact]
    public void ATeamsRouteOnlyMatchesItsOwnTeamsAlertsWhateverItsConditionsSay()
    {
        var table = new RouteTable([Route("ops-catch-all", 1, ["ops-webhook"], team: "ops")], Channels);

        var payments = table.Route(Facts());
        var ops = table.Route(Facts(service: "gateway", team: "ops"));

        Assert.True(payments.UsedDefault);
        Assert.Equal(["ops-catch-all"], ops.Routes);
        Assert.Equal([OpsWebhook.Id], ops.ChannelIds);
    }

    [Fact]
    public void SeveritiesUrgenciesMatchersAndDisabledRoutesDecideWhetherARouteMatches()
    {
        var table = new RouteTable([
            Route("disabled", 1, ["ops-webhook"], enabled: false),
            Route("warnings", 2, ["ops-webhook"], severities: [AlertSeverity.Warning]),
            Route("low", 3, ["ops-webhook"], urgencies: [AlertUrgency.Low]),
            Route("prod", 4, ["payments-email"], matchers: ["env=~\"prod|production\"", "alertname!=\"Watchdog\""]),
        ], Channels);

        var prod = table.Preview(Facts(labels: ("env", "prod")));
        var staging = table.Route(Facts(labels: ("env", "staging")));

        Assert.Equal(["prod"], prod.MatchedRoutes);
        Assert.Equal(["disabled", "severity critical is not one of warning", "urgency high is not one of low", "matches"], prod.Steps.Select(s => s.Reason));
        Assert.True(staging.UsedDefault);
    }

    [Fact]
    public void AMatchedRouteWhoseChannelsAreAllUnusableFallsBackToTheDefaultRatherThanLoseThePage()
    {
        var table = new RouteTable([
            Route("to-deleted", 1, ["gone"]),
            Route("cross-team", 2, ["ops-webhook"], team: "payments", @continue: true),
        ], Channels);

        var decision = table.Route(Facts());
        var crossTeam = new RouteTable([Route("cross-team", 1, ["ops-webhook", "payments-chat"], team: "payments")], Channels).Route(Facts());

        Assert.True(decision.UsedDefault);
        Assert.Equal(["to-deleted"], decision.Routes);
        Assert.Equal([PaymentsPager.Id], decision.ChannelIds);
        Assert.StartsWith("route to-deleted matched but none of its channels can be used", decision.Reason);
        Assert.Equal([PaymentsChat.Id], crossTeam.ChannelIds);
        Assert.Contains("ops-webhook skipped", crossTeam.Reason);
    }
}
