using Unyo.Client;
using Unyo.Features.Alerts;
using Unyo.Features.Alerts.Matching;
using Unyo.Hosting;

namespace Unyo.Tests.Alerts;

public sealed class LabelMatcherTests
{
    private static readonly AlertFacts Checkout = new("checkout", "payments", AlertSeverity.Critical, AlertUrgency.High, "prometheus", "am-main",
        new Dictionary<string, string> { ["alertname"] = "HighLatency", ["env"] = "prod", ["service"] = "impostor", ["empty"] = "" });

    private static LabelMatcher Parse(string text)
    {
        var errors = new ValidationErrors();
        var matcher = LabelMatchers.Read(new LabelMatcherRequest { Expression = text }, "m", errors);
        Assert.True(errors.IsEmpty, string.Join("; ", errors.All.Select(e => $"{e.Field}: {e.Message}")));
        return matcher!;
    }

    [Theory]
    [InlineData("alertname=HighLatency", true)]
    [InlineData("alertname=\"HighLatency\"", true)]
    [InlineData("alertname=highlatency", false)]
    [InlineData("alertname!=HighLatency", false)]
    [InlineData("env=~prod|staging", true)]
    [InlineData("env=~pro", false)]
    [InlineData("env=~\"pro.*\"", true)]
    [InlineData("env!~\"stag.*\"", true)]
    [InlineData("env!~\"p.*\"", false)]
    [InlineData("severity=critical", true)]
    [InlineData("urgency=high", true)]
    [InlineData("team=payments", true)]
    [InlineData("source=prometheus", true)]
    [InlineData("integration=am-main", true)]
    public void MatchersFollowAlertmanagerSemanticsWithAnchoredRegexes(string text, bool matches) =>
        Assert.Equal(matches, Parse(text).Matches(Checkout));

    [Theory]
    // A label the alert lacks is "": it matches ="" and !~".+", not !="" or =~".+".
    [InlineData("missing=\"\"", true)]
    [InlineData("missing!~\".+\"", true)]
    [InlineData("missing!=\"\"", false)]
    [InlineData("missing=~\".+\"", false)]
    [InlineData("missing=~\".*\"", true)]
    [InlineData("missing!=x", true)]
    // A label present with the empty value is the same as missing.
    [InlineData("empty=\"\"", true)]
    [InlineData("empty=~\".+\"", false)]
    public void AMissingLabelIsTheEmptyString(string text, bool matches) => Assert.Equal(matches, Parse(text).Matches(Checkout));

    [Fact]
    public void AnAlertsOwnLabelCannotOverrideAnImplicitOne()
    {
        Assert.True(Parse("service=checkout").Matches(Checkout));
        Assert.False(Parse("service=impostor").Matches(Checkout));
    }

    [Fact]
    public void ObjectsAndStringsReadTheSameAndRoundTripThroughTheStoredForm()
    {
        var errors = new ValidationErrors();
        var fromObject = LabelMatchers.Read(new LabelMatcherRequest { Name = "path", Op = "=~", Value = "/api/\"v1\"\\.*" }, "m", errors)!;
        var stored = LabelMatchers.FromStored(fromObject.ToString());

        Assert.True(errors.IsEmpty);
        Assert.Equal("path=~\"/api/\\\"v1\\\"\\\\.*\"", fromObject.ToString());
        Assert.Equal((fromObject.Name, fromObject.Op, fromObject.Value), (stored.Name, stored.Op, stored.Value));
        Assert.Equal(MatchOp.Equal, LabelMatchers.Read(new LabelMatcherRequest { Name = "env", Value = "prod" }, "m", errors)!.Op);
    }

    [Fact]
    public void BadMatchersNameTheirField()
    {
        var errors = new ValidationErrors();
        var matchers = LabelMatchers.Read(
        [
            new LabelMatcherRequest { Name = "env", Op = "==", Value = "prod" },
            new LabelMatcherRequest { Name = "9lives", Value = "x" },
            new LabelMatcherRequest { Name = "env", Op = "=~", Value = "(unclosed" },
            new LabelMatcherRequest { Expression = "no operator" },
            new LabelMatcherRequest { Name = "env", Op = "=~", Value = "(a)\\1" },
            new LabelMatcherRequest { Name = "env", Op = "=", Value = new string('x', 1025) },
            new LabelMatcherRequest { Expression = "env=\"unterminated" },
            null,
            new LabelMatcherRequest { Name = "env", Op = "=" },
        ], "spec.matchers", errors);
        var byField = errors.All.ToDictionary(e => e.Field, e => e.Message);

        Assert.Empty(matchers);
        Assert.Contains("not an operator", byField["spec.matchers[0].op"]);
        Assert.Contains("not a label name", byField["spec.matchers[1].name"]);
        Assert.StartsWith("not a valid regular expression", byField["spec.matchers[2].value"]);
        Assert.Contains("is not a matcher", byField["spec.matchers[3]"]);
        // Backreferences need backtracking, which the engine refuses.
        Assert.StartsWith("not a valid regular expression", byField["spec.matchers[4].value"]);
        Assert.Contains("at most 1024", byField["spec.matchers[5].value"]);
        Assert.Contains("not closed", byField["spec.matchers[6]"]);
        Assert.Contains("is required", byField["spec.matchers[7]"]);
        Assert.Contains("is required", byField["spec.matchers[8].value"]);
    }

    [Fact]
    public void ASetThatAlsoMatchesTheEmptyStringEverywhereMatchesEverything()
    {
        Assert.True(LabelMatchers.MatchesEverything([Parse("alertname=~\".*\"")]));
        Assert.True(LabelMatchers.MatchesEverything([Parse("env!=prod"), Parse("x=~\"a*\"")]));
        Assert.False(LabelMatchers.MatchesEverything([Parse("alertname=~\".*\""), Parse("service=checkout")]));
        Assert.False(LabelMatchers.MatchesEverything([Parse("env=~\".+\"")]));
    }
}
