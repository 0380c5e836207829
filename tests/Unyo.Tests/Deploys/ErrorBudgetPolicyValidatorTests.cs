using Unyo.Client;
using Unyo.Features.Deploys;
using Unyo.Hosting;

namespace Unyo.Tests.Deploys;

public sealed class ErrorBudgetPolicyValidatorTests
{
    private static ErrorBudgetPolicyRequest Request(params (decimal? At, string? Decision)[] steps) => new()
    {
        Name = "careful",
        Services = ["checkout"],
        Steps = [.. steps.Select(s => new ErrorBudgetPolicyStep { RemainingAtOrBelow = s.At, Decision = s.Decision })],
    };

    private static Dictionary<string, string[]> Errors(ErrorBudgetPolicyRequest request)
    {
        var errors = new ValidationErrors();
        var spec = ErrorBudgetPolicyValidator.Validate(request, errors);
        Assert.Equal(errors.IsEmpty, spec is not null);
        return errors.ToDictionary();
    }

    [Fact]
    public void TheBoundsOfAThresholdAreAcceptedAndDecisionsReadInAnyCase()
    {
        var errors = new ValidationErrors();

        var spec = ErrorBudgetPolicyValidator.Validate(Request((100, "Allow"), (0.01m, "WARN"), (-1000, "freeze")), errors);

        Assert.True(errors.IsEmpty);
        Assert.Equal(
            [new PolicyStep(100, GateDecision.Allow), new PolicyStep(0.01m, GateDecision.Warn), new PolicyStep(-1000, GateDecision.Freeze)],
            spec!.Steps);
    }

    [Theory]
    [InlineData("100.01", "100.01 must be at most 100")]
    [InlineData("-1000.01", "-1000.01 must be at least -1000")]
    [InlineData("0.001", "0.001 has more than 2 decimals")]
    public void AThresholdOutOfRangeOrTooFineIsNamed(string threshold, string message)
    {
        var errors = Errors(Request((decimal.Parse(threshold, System.Globalization.CultureInfo.InvariantCulture), "freeze")));

        Assert.Contains(message, Assert.Single(errors["steps[0].remainingAtOrBelow"]));
        Assert.Single(errors);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("block")]
    [InlineData("")]
    public void ADecisionIsOneOfTheThreeWordsNotANumber(string decision)
    {
        var errors = Errors(Request((10, decision)));

        Assert.Contains("must be allow, warn or freeze", Assert.Single(errors["steps[0].decision"]));
    }

    [Fact]
    public void StepsThatDoNotFallOrGetLessSevereAreNamedAgainstTheLastValidStep()
    {
        // Step 1's decision is unreadable, so step 2 is judged against step 0's freeze at 40.
        var errors = Errors(Request((40, "freeze"), (30, "stop"), (20, "warn"), (20, "freeze"), (null, "freeze")));

        Assert.Contains("'warn' is less severe than 'freeze' at 40% left", Assert.Single(errors["steps[2].decision"]));
        Assert.Contains("20 must be below the previous step's 20", Assert.Single(errors["steps[3].remainingAtOrBelow"]));
        Assert.Contains("is required", Assert.Single(errors["steps[4].remainingAtOrBelow"]));
        Assert.Equal(["steps[1].decision", "steps[2].decision", "steps[3].remainingAtOrBelow", "steps[4].remainingAtOrBelow"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ASeverityDropAfterAStepWithoutAThresholdStillNamesTheEarlierStep()
    {
        var errors = Errors(Request((null, "freeze"), (10, "warn")));

        Assert.Contains("'warn' is less severe than 'freeze' of an earlier step", Assert.Single(errors["steps[1].decision"]));
    }

    [Fact]
    public void ADefaultNamesNoServicesAndAnyOtherPolicyNamesAtLeastOne()
    {
        var defaultWithServices = Errors(Request((0, "freeze")) with { Default = true });
        var noServices = Errors(Request((0, "freeze")) with { Services = [] });
        var defaultSpec = ErrorBudgetPolicyValidator.Validate(Request((0, "freeze")) with { Default = true, Services = null }, new ValidationErrors());

        Assert.Contains("must be left out for the organisation default", Assert.Single(defaultWithServices["services"]));
        Assert.Contains("is required", Assert.Single(noServices["services"]));
        Assert.Equal((true, 0), (defaultSpec!.IsDefault, defaultSpec.Services.Count));
    }

    [Fact]
    public void ABlankDescriptionIsNoneAndOneWithSpacesIsTrimmed()
    {
        var blank = ErrorBudgetPolicyValidator.Validate(Request((0, "freeze")) with { Description = "   " }, new ValidationErrors());
        var padded = ErrorBudgetPolicyValidator.Validate(Request((0, "freeze")) with { Description = "  Keep a reserve.\n" }, new ValidationErrors());

        Assert.Null(blank!.Description);
        Assert.Equal("Keep a reserve.", padded!.Description);
    }

    [Fact]
    public void TheDocumentListsServicesAndLabelsSortedAndAlwaysWritesTheLabels()
    {
        var errors = new ValidationErrors();
        var spec = ErrorBudgetPolicyValidator.Validate(Request((0, "freeze")) with { Services = ["web", "api"], ExemptLabels = [] }, errors)!;
        var labelled = ErrorBudgetPolicyValidator.Validate(Request((0, "freeze")) with { ExemptLabels = ["security-fix", "hotfix"] }, errors)!;

        var document = spec.ToDocument();
        var exempt = labelled.ToDocument()["spec"]!["exemptLabels"]!.AsArray().Select(l => (string)l!);

        Assert.True(errors.IsEmpty);
        Assert.Equal(["web", "api"], spec.Services);
        Assert.Equal(["api", "web"], document["spec"]!["services"]!.AsArray().Select(s => (string)s!));
        Assert.Empty(document["spec"]!["exemptLabels"]!.AsArray());
        Assert.False(document["spec"]!.AsObject().ContainsKey("default"));
        Assert.Equal(["hotfix", "security-fix"], exempt);
    }
}
