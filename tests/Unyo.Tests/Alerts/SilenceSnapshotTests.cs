using Unyo.Client;
using Unyo.Features.Alerts;
using Unyo.Features.Alerts.Matching;
using Unyo.Features.Alerts.Silences;
using Unyo.Hosting;

namespace Unyo.Tests.Alerts;

public sealed class SilenceSnapshotTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static AlertFacts Facts(string service, string team, params (string, string)[] labels) =>
        new(service, team, AlertSeverity.Error, AlertUrgency.High, "test", null, labels.ToDictionary(l => l.Item1, l => l.Item2));

    private static SilenceEntry Entry(string name, string? team, DateTimeOffset start, DateTimeOffset end, params string[] matchers) =>
        new(name, team, start, end, [.. matchers.Select(LabelMatchers.FromStored)]);

    [Fact]
    public void ASilenceCoversFromItsStartUpToButNotIncludingItsEnd()
    {
        var snapshot = new SilenceSnapshot([Entry("deploy", null, Noon, Noon.AddHours(1), "service=\"checkout\"")]);
        var facts = Facts("checkout", "payments");

        Assert.Null(snapshot.Find(facts, Noon.AddTicks(-1)));
        Assert.Equal("deploy", snapshot.Find(facts, Noon));
        Assert.Equal("deploy", snapshot.Find(facts, Noon.AddMinutes(59)));
        Assert.Null(snapshot.Find(facts, Noon.AddHours(1)));
    }

    [Fact]
    public void TheSnapshotKnowsWhenItsFirstSilenceEndsSoTheBookCanDropEndedOnes()
    {
        var snapshot = new SilenceSnapshot([
            Entry("long", null, Noon, Noon.AddHours(5), "service=\"checkout\""),
            Entry("short", null, Noon, Noon.AddMinutes(20), "env=\"staging\""),
        ]);

        Assert.Equal(Noon.AddMinutes(20), snapshot.EarliestEnd);
        Assert.Equal(DateTimeOffset.MaxValue, SilenceSnapshot.Empty.EarliestEnd);
    }

    [Fact]
    public void EveryMatcherMustMatchAndUnpinnedSilencesAreFoundToo()
    {
        var snapshot = new SilenceSnapshot([
            Entry("latency-only", null, Noon, Noon.AddHours(1), "service=\"checkout\"", "alertname=\"HighLatency\""),
            Entry("all-staging", null, Noon, Noon.AddHours(1), "env=\"staging\""),
        ]);

        Assert.Equal("latency-only", snapshot.Find(Facts("checkout", "payments", ("alertname", "HighLatency")), Noon));
        Assert.Null(snapshot.Find(Facts("checkout", "payments", ("alertname", "ErrorRate")), Noon));
        Assert.Equal("all-staging", snapshot.Find(Facts("cart", "shop", ("env", "staging")), Noon));
        Assert.Null(snapshot.Find(Facts("cart", "shop", ("env", "prod")), Noon));
    }

    [Fact]
    public void ATeamsSilenceCoversOnlyItsOwnTeamsAlertsWhateverItsMatchersSay()
    {
        var snapshot = new SilenceSnapshot([Entry("payments-wide", "payments", Noon, Noon.AddHours(1), "env=~\"prod|staging\"")]);

        Assert.Equal("payments-wide", snapshot.Find(Facts("checkout", "payments", ("env", "prod")), Noon));
        Assert.Null(snapshot.Find(Facts("search", "discovery", ("env", "prod")), Noon));
    }

    [Fact]
    public void TheValidatorRefusesSilencesThatWouldNeverEndOrCoverEverything()
    {
        var errors = new ValidationErrors();
        var spec = SilenceValidator.Validate(new SilenceRequest
        {
            Name = "too-wide",
            Matchers = [new LabelMatcherRequest { Expression = "alertname=~\".*\"" }],
            StartsAt = Noon,
            EndsAt = Noon.AddDays(400),
            Comment = " ",
        }, Noon, endMustBeAhead: true, errors);
        var fields = errors.All.Select(e => e.Field).ToHashSet();

        Assert.Null(spec);
        Assert.Equal(["comment", "endsAt", "matchers"], fields.Order(StringComparer.Ordinal));
        Assert.Contains(errors.All, e => e is { Field: "endsAt" } && e.Message.Contains("one year", StringComparison.Ordinal));
    }

    [Fact]
    public void ADurationSetsTheEndFromTheStartAndAPastEndIsRefusedOnlyWhenItMustBeAhead()
    {
        var errors = new ValidationErrors();
        var request = new SilenceRequest { Name = "deploy", Matchers = [new LabelMatcherRequest { Expression = "service=checkout" }], StartsAt = Noon, Duration = "1h30m", Comment = "Deploy" };
        var spec = SilenceValidator.Validate(request, Noon, endMustBeAhead: true, errors)!;
        var late = new ValidationErrors();
        var refused = SilenceValidator.Validate(request, Noon.AddHours(2), endMustBeAhead: true, late);
        var fromFile = SilenceValidator.Validate(request, Noon.AddHours(2), endMustBeAhead: false, new ValidationErrors());

        Assert.Equal(Noon.AddMinutes(90), spec.EndsAt);
        Assert.Null(refused);
        Assert.Contains(late.All, e => e is { Field: "duration" } && e.Message.Contains("future", StringComparison.Ordinal));
        Assert.NotNull(fromFile);
    }
}
