using Unyo.Client;
using Unyo.Features.Deploys;
using Unyo.Features.Deploys.Pages;
using Unyo.Hosting;

namespace Unyo.Tests.Deploys;

public sealed class PolicyRulesTests
{
    private static readonly PolicyRules Strict = new(
        [new PolicyStep(75, GateDecision.Warn), new PolicyStep(50, GateDecision.Warn), new PolicyStep(10, GateDecision.Freeze), new PolicyStep(-50, GateDecision.Freeze)],
        FreezeWhilePaging: false,
        ExemptLabels: []);

    [Theory]
    [InlineData(100, "allow", "allow above 75% left")]
    [InlineData(75.0001, "allow", "allow above 75% left")]
    [InlineData(75, "warn", "warn at ≤ 75% left")]
    [InlineData(40, "warn", "warn at ≤ 50% left")]
    [InlineData(10, "freeze", "freeze at ≤ 10% left")]
    [InlineData(-900, "freeze", "freeze at ≤ -50% left")]
    public void TheNearestMostSevereStepDecidesAndExplains(double remaining, string decision, string explanation)
    {
        Assert.Equal(decision, ReleaseGate.Name(Strict.For(remaining)));
        Assert.Equal(explanation, Strict.Explain(remaining));
    }

    [Fact]
    public void TheBuiltInPolicyWarnsAtAQuarterAndFreezesWhenSpent()
    {
        Assert.Equal((GateDecision.Allow, GateDecision.Warn, GateDecision.Freeze), (PolicyRules.BuiltIn.For(25.01), PolicyRules.BuiltIn.For(25), PolicyRules.BuiltIn.For(0)));
        Assert.Equal("warn at ≤ 25% left; freeze at ≤ 0% left; freeze while a page burn alert fires; exempt: rollback, security-fix", PolicyRules.BuiltIn.Describe());
    }

    [Fact]
    public void LeftOutFieldsKeepTheBuiltInValuesAndAnEmptyLabelListExemptsNothing()
    {
        var errors = new ValidationErrors();
        var request = new ErrorBudgetPolicyRequest { Name = "strict", Services = ["checkout"], Steps = [new() { RemainingAtOrBelow = 10.50m, Decision = "FREEZE" }] };

        var defaults = ErrorBudgetPolicyValidator.Validate(request, errors)!;
        var none = ErrorBudgetPolicyValidator.Validate(request with { ExemptLabels = [], FreezeWhilePaging = false }, errors)!;

        Assert.True(errors.IsEmpty);
        Assert.Equal((true, false), (defaults.FreezeWhilePaging, defaults.IsDefault));
        Assert.Equal(["rollback", "security-fix"], defaults.ExemptLabels);
        Assert.Equal(new PolicyStep(10.5m, GateDecision.Freeze), defaults.Steps.Single());
        // Trailing zeros are gone, so the stored policy and its file print the same.
        Assert.Equal("10.5", defaults.Steps.Single().RemainingAtOrBelow.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(none.ExemptLabels);
        Assert.False(none.FreezeWhilePaging);
    }

    [Fact]
    public void TheWordsSayEveryStepAndWhatExemptsAChange()
    {
        var words = PolicyWords.Sentences(Strict);

        Assert.Equal(
        [
            "With more than 75% of every SLO's error budget left, releases go out.",
            "With 75% of an SLO's error budget left or less, releases still go out, with a warning.",
            "With 50% of an SLO's error budget left or less, releases still go out, with a warning.",
            "With 10% of an SLO's error budget left or less, releases are frozen.",
            "With an SLO's error budget overspent by 50% or more, releases are frozen.",
            "A firing page burn alert does not freeze releases by itself.",
            "No label exempts a change: only an admin's time-boxed override lets a frozen release out.",
        ], words);
        Assert.Contains("With an SLO's error budget spent (0% left or less), releases are frozen.", PolicyWords.Sentences(PolicyRules.BuiltIn));
        Assert.Contains("Changes labelled rollback or security-fix go out even when frozen; otherwise only an admin's time-boxed override lets a frozen release out.", PolicyWords.Sentences(PolicyRules.BuiltIn));
    }
}
