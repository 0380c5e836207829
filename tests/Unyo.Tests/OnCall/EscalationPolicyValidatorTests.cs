using Unyo.Client;
using Unyo.Features.OnCall.Escalation;
using Unyo.Hosting;

namespace Unyo.Tests.OnCall;

public sealed class EscalationPolicyValidatorTests
{
    private static EscalationPolicyRequest Valid() => new()
    {
        Name = "checkout-pager",
        Team = "payments",
        Services = ["checkout", "cart"],
        Levels =
        [
            new() { EscalateAfter = "10m", Targets = [new() { Schedule = "payments-primary" }] },
            new() { EscalateAfter = "1h30m", Targets = [new() { User = " Dana@Example.com " }, new() { Team = "platform" }] },
        ],
    };

    private static Dictionary<string, string> Errors(EscalationPolicyRequest request)
    {
        var errors = new ValidationErrors();
        Assert.Null(EscalationPolicyValidator.Validate(request, errors));
        return errors.All.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => e.Message)));
    }

    [Fact]
    public void AValidPolicyComesOutCanonical()
    {
        var spec = EscalationPolicyValidator.Validate(Valid(), new ValidationErrors())!;

        Assert.Equal(["cart", "checkout"], spec.Services);
        Assert.Equal((TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(90)), (spec.Levels[0].EscalateAfter, spec.Levels[1].EscalateAfter));
        Assert.Equal(new EscalationTargetSpec(EscalationTargetKind.User, "dana@example.com"), spec.Levels[1].Targets[0]);
        Assert.Equal(0, spec.Repeat);
        var document = spec.ToDocument().ToJsonString();
        Assert.Contains("\"escalateAfter\":\"1h30m\"", document, StringComparison.Ordinal);
        Assert.DoesNotContain("repeat", document, StringComparison.Ordinal);
    }

    [Fact]
    public void NoLevelsIsRefused() =>
        Assert.Contains("at least one level", Errors(Valid() with { Levels = [] })["levels"], StringComparison.Ordinal);

    [Fact]
    public void EveryBadFieldIsNamed()
    {
        var errors = Errors(Valid() with
        {
            Repeat = 10,
            Services = ["checkout", "checkout"],
            Levels =
            [
                new() { EscalateAfter = "0m", Targets = [new() { User = "a@example.com", Schedule = "both" }] },
                new() { Targets = [] },
                new() { EscalateAfter = "25h", Targets = [new() { User = "not-an-email" }, new() { Team = "Bad Team" }] },
                new() { EscalateAfter = "soon", Targets = [new() { Schedule = "primary" }, new() { Schedule = "primary" }] },
            ],
        });

        Assert.Contains("from 0", errors["repeat"], StringComparison.Ordinal);
        Assert.Contains("listed twice", errors["services[1]"], StringComparison.Ordinal);
        Assert.Contains("between 1m and 1d", errors["levels[0].escalateAfter"], StringComparison.Ordinal);
        Assert.Contains("exactly one of", errors["levels[0].targets[0]"], StringComparison.Ordinal);
        Assert.Contains("is required", errors["levels[1].escalateAfter"], StringComparison.Ordinal);
        Assert.Contains("at least one target", errors["levels[1].targets"], StringComparison.Ordinal);
        Assert.Contains("between 1m and 1d", errors["levels[2].escalateAfter"], StringComparison.Ordinal);
        Assert.Contains("not an email", errors["levels[2].targets[0].user"], StringComparison.Ordinal);
        Assert.Contains("lower-case", errors["levels[2].targets[1].team"], StringComparison.Ordinal);
        Assert.Contains("not a duration", errors["levels[3].escalateAfter"], StringComparison.Ordinal);
        Assert.Contains("listed twice", errors["levels[3].targets[1]"], StringComparison.Ordinal);
    }
}
