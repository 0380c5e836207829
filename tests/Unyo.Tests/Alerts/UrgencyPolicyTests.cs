using System.Text.Json;
using Unyo.Features.Alerts;
using Unyo.Features.Alerts.Urgency;
using Unyo.Hosting;

namespace Unyo.Tests.Alerts;

public sealed class UrgencyPolicyTests
{
    private const string BerlinOffice = """{"rule":"supportHours","timeZone":"Europe/Berlin","days":["mon","tue","wed","thu","fri"],"start":"08:00","end":"18:00"}""";

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    private static bool Inside(string json, DateTimeOffset at) => UrgencyPolicy.Parse(json).InSupportHours(at);

    [Fact]
    public void WithoutARuleCriticalAndErrorAreHighAndWarningAndInfoLow()
    {
        var policy = UrgencyPolicy.Parse(null);
        var at = Utc(2026, 6, 1, 12);

        Assert.Equal(
            [AlertUrgency.High, AlertUrgency.High, AlertUrgency.Low, AlertUrgency.Low],
            new[] { AlertSeverity.Critical, AlertSeverity.Error, AlertSeverity.Warning, AlertSeverity.Info }.Select(s => policy.Decide(s, at)));
        Assert.Same(UrgencyPolicy.BySeverity, UrgencyPolicy.Parse("""{"rule":"severity"}"""));
        Assert.Equal(AlertUrgency.High, UrgencyPolicy.Parse("""{"rule":"high"}""").Decide(AlertSeverity.Info, at));
        Assert.Equal(AlertUrgency.Low, UrgencyPolicy.Parse("""{"rule":"low"}""").Decide(AlertSeverity.Critical, at));
    }

    [Fact]
    public void SupportHoursAreHighInsideAndLowOutsideOnTheLocalClock()
    {
        var policy = UrgencyPolicy.Parse(BerlinOffice);

        // Wednesday 3 June 2026, CEST (UTC+2): 08:00–18:00 local is 06:00–16:00 UTC.
        Assert.Equal(AlertUrgency.Low, policy.Decide(AlertSeverity.Info, Utc(2026, 6, 3, 5, 59)));
        Assert.Equal(AlertUrgency.High, policy.Decide(AlertSeverity.Info, Utc(2026, 6, 3, 6, 0)));
        Assert.Equal(AlertUrgency.High, policy.Decide(AlertSeverity.Info, Utc(2026, 6, 3, 15, 59)));
        Assert.Equal(AlertUrgency.Low, policy.Decide(AlertSeverity.Critical, Utc(2026, 6, 3, 16, 0)));
        // Saturday noon is outside whatever the severity.
        Assert.Equal(AlertUrgency.Low, policy.Decide(AlertSeverity.Critical, Utc(2026, 6, 6, 10)));
        // Monday 1 June 06:30 UTC is 08:30 in Berlin.
        Assert.Equal(AlertUrgency.High, policy.Decide(AlertSeverity.Warning, Utc(2026, 6, 1, 6, 30)));
    }

    [Fact]
    public void TheWindowFollowsTheWallClockAcrossSpringForwardInBerlin()
    {
        var policy = UrgencyPolicy.Parse(BerlinOffice);

        // Monday 23 March 2026 is CET (UTC+1): 08:00 local is 07:00 UTC.
        Assert.False(policy.InSupportHours(Utc(2026, 3, 23, 6, 30)));
        Assert.True(policy.InSupportHours(Utc(2026, 3, 23, 7, 0)));
        Assert.True(policy.InSupportHours(Utc(2026, 3, 23, 16, 59)));
        // Clocks go forward on Sunday 29 March; on Monday 30 March 08:00 CEST is 06:00 UTC.
        Assert.True(policy.InSupportHours(Utc(2026, 3, 30, 6, 30)));
        Assert.False(policy.InSupportHours(Utc(2026, 3, 30, 5, 59)));
        Assert.False(policy.InSupportHours(Utc(2026, 3, 30, 16, 0)));
    }

    [Fact]
    public void OnTheDayClocksChangeInBerlinTheSkippedHourIsNeverInsideAndTheRepeatedOneIsInsideTwice()
    {
        // A Sunday window over the night's changes.
        var spring = UrgencyPolicy.Parse("""{"rule":"supportHours","timeZone":"Europe/Berlin","days":["sun"],"start":"01:00","end":"03:30"}""");
        // 29 March 2026: 02:00 CET becomes 03:00 CEST. 00:30 UTC is 01:30 CET; 01:00 UTC is 03:00 CEST; 01:30 UTC is 03:30 CEST.
        Assert.True(spring.InSupportHours(Utc(2026, 3, 29, 0, 30)));
        Assert.True(spring.InSupportHours(Utc(2026, 3, 29, 1, 0)));
        Assert.False(spring.InSupportHours(Utc(2026, 3, 29, 1, 30)));

        var autumn = UrgencyPolicy.Parse("""{"rule":"supportHours","timeZone":"Europe/Berlin","days":["sun"],"start":"02:00","end":"02:30"}""");
        // 25 October 2026: 03:00 CEST becomes 02:00 CET, so 02:15 happens at 00:15 UTC and again at 01:15 UTC.
        Assert.True(autumn.InSupportHours(Utc(2026, 10, 25, 0, 15)));
        Assert.False(autumn.InSupportHours(Utc(2026, 10, 25, 0, 45)));
        Assert.True(autumn.InSupportHours(Utc(2026, 10, 25, 1, 15)));
        Assert.False(autumn.InSupportHours(Utc(2026, 10, 25, 1, 45)));
    }

    [Fact]
    public void TheWindowFollowsTheWallClockAcrossBothChangesInNewYork()
    {
        var policy = UrgencyPolicy.Parse("""{"rule":"supportHours","timeZone":"America/New_York","days":["mon","tue","wed","thu","fri"],"start":"09:00","end":"17:00"}""");

        // Monday 2 March 2026 (EST, UTC-5): 09:00 is 14:00 UTC. Monday 9 March, after the change on the 8th (EDT, UTC-4): 13:00 UTC.
        Assert.False(policy.InSupportHours(Utc(2026, 3, 2, 13, 30)));
        Assert.True(policy.InSupportHours(Utc(2026, 3, 2, 14, 0)));
        Assert.True(policy.InSupportHours(Utc(2026, 3, 9, 13, 30)));
        Assert.False(policy.InSupportHours(Utc(2026, 3, 9, 21, 0)));
        // Back to EST on Sunday 1 November: Friday 30 October 16:30 EDT is 20:30 UTC; Monday 2 November 16:30 EST is 21:30 UTC.
        Assert.True(policy.InSupportHours(Utc(2026, 10, 30, 20, 30)));
        Assert.False(policy.InSupportHours(Utc(2026, 10, 30, 21, 30)));
        Assert.True(policy.InSupportHours(Utc(2026, 11, 2, 21, 30)));
        Assert.False(policy.InSupportHours(Utc(2026, 11, 2, 13, 30)));
    }

    [Fact]
    public void AnOvernightWindowBelongsToTheEveningItStarts()
    {
        const string nights = """{"rule":"supportHours","timeZone":"UTC","days":["mon","tue","wed","thu","fri"],"start":"22:00","end":"06:00"}""";

        // Friday 5 June 2026 22:00 to Saturday 06:00 is Friday's night.
        Assert.True(Inside(nights, Utc(2026, 6, 5, 23)));
        Assert.True(Inside(nights, Utc(2026, 6, 6, 5, 59)));
        Assert.False(Inside(nights, Utc(2026, 6, 6, 6, 0)));
        Assert.False(Inside(nights, Utc(2026, 6, 6, 23)));
        // Sunday is not listed, so Monday's early hours are outside; Monday's own night starts at 22:00.
        Assert.False(Inside(nights, Utc(2026, 6, 8, 3)));
        Assert.False(Inside(nights, Utc(2026, 6, 8, 21, 59)));
        Assert.True(Inside(nights, Utc(2026, 6, 8, 22)));
        Assert.True(Inside(nights, Utc(2026, 6, 9, 3)));
    }

    [Fact]
    public void DuringAndOutsideMayDeferToSeverityAndAWholeDayEndsAt2400()
    {
        var policy = UrgencyPolicy.Parse("""{"rule":"supportHours","timeZone":"UTC","days":["sat","sun"],"start":"00:00","end":"24:00","during":"severity","outside":"severity"}""");
        var weekend = UrgencyPolicy.Parse("""{"rule":"supportHours","timeZone":"UTC","days":["sat","sun"],"start":"00:00","end":"24:00","outside":"severity"}""");

        Assert.True(policy.InSupportHours(Utc(2026, 6, 6, 23, 59)));
        Assert.False(policy.InSupportHours(Utc(2026, 6, 8, 0, 0)));
        Assert.Equal(AlertUrgency.Low, policy.Decide(AlertSeverity.Warning, Utc(2026, 6, 6, 12)));
        Assert.Equal(AlertUrgency.High, weekend.Decide(AlertSeverity.Info, Utc(2026, 6, 6, 12)));
        Assert.Equal(AlertUrgency.High, weekend.Decide(AlertSeverity.Error, Utc(2026, 6, 3, 12)));
        Assert.Equal(AlertUrgency.Low, weekend.Decide(AlertSeverity.Warning, Utc(2026, 6, 3, 12)));
    }

    [Fact]
    public void BadRulesNameTheirFields()
    {
        static Dictionary<string, string[]> Errors(string json)
        {
            var errors = new ValidationErrors();
            using var document = JsonDocument.Parse(json);
            Assert.Null(UrgencyRule.Read(document.RootElement, "spec.urgency", errors));
            return errors.ToDictionary();
        }

        var hours = Errors("""{"rule":"supportHours","timeZone":"Europe/Nowhere","days":["mon","funday","mon"],"start":"8am","end":"25:00","during":"urgent"}""");
        Assert.Equal(["spec.urgency.days[1]", "spec.urgency.days[2]", "spec.urgency.during", "spec.urgency.end", "spec.urgency.start", "spec.urgency.timeZone"], hours.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("'Europe/Nowhere' is not a known IANA time zone", hours["spec.urgency.timeZone"][0]);
        Assert.Contains("is required", Errors("""{"rule":"supportHours","days":["mon"],"start":"08:00","end":"18:00"}""")["spec.urgency.timeZone"][0]);
        Assert.Contains("must differ from start", Errors("""{"rule":"supportHours","timeZone":"UTC","days":["mon"],"start":"08:00","end":"08:00"}""")["spec.urgency.end"][0]);
        Assert.Contains("'sometimes' must be severity, high, low or supportHours", Errors("""{"rule":"sometimes"}""")["spec.urgency.rule"][0]);
        Assert.Contains("is only for rule supportHours", Errors("""{"rule":"high","timeZone":"UTC"}""")["spec.urgency.timeZone"][0]);
        Assert.Contains("is not a known field", Errors("""{"rule":"low","colour":"red"}""")["spec.urgency.colour"][0]);
        Assert.Contains("must be an object", Errors("\"high\"")["spec.urgency"][0]);
        Assert.Throws<FormatException>(() => UrgencyPolicy.Parse("""{"rule":"supportHours"}"""));
    }

    [Fact]
    public void TheStoredFormIsCanonicalAndTheDefaultIsStoredAsNull()
    {
        var errors = new ValidationErrors();
        using var document = JsonDocument.Parse("""{"rule":"supportHours","timeZone":"Europe/Berlin","days":["FRI","mon"],"start":"08:00","end":"18:00","outside":"severity"}""");
        var rule = UrgencyRule.Read(document.RootElement, "urgency", errors)!;
        using var severity = JsonDocument.Parse("""{"rule":"severity"}""");

        Assert.True(errors.IsEmpty);
        Assert.Equal("""{"rule":"supportHours","timeZone":"Europe/Berlin","days":["mon","fri"],"start":"08:00","end":"18:00","during":"high","outside":"severity"}""", rule.ToStored());
        Assert.Equal(rule.ToStored(), UrgencyPolicy.Parse(rule.ToStored()).Rule.ToStored());
        Assert.Null(UrgencyRule.Read(severity.RootElement, "urgency", errors)!.ToStored());
        Assert.Equal("mon,fri 08:00–18:00 Europe/Berlin: high inside, by severity outside", rule.Describe());
    }

    [Fact]
    public void DecidingAllocatesNothing()
    {
        var policy = UrgencyPolicy.Parse(BerlinOffice);
        var at = Utc(2026, 3, 29, 0, 30);
        var high = 0;
        // Warm up over the very instants measured: the runtime caches a time zone's rules per year
        // on first use (these span into 2027), which is not the policy allocating.
        for (var i = 0; i < 10_000; i++)
        {
            high += policy.Decide(AlertSeverity.Warning, at.AddMinutes(i * 37)) == AlertUrgency.High ? 1 : 0;
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            high += policy.Decide(AlertSeverity.Warning, at.AddMinutes(i * 37)) == AlertUrgency.High ? 1 : 0;
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(high > 0);
    }

    [Fact]
    public void PoliciesAreParsedOncePerRuleTextOfAnIntegration()
    {
        var id = Guid.NewGuid();
        IntegrationRef Integration(string? rule) => new(id, "int", IntegrationKind.Alertmanager, Guid.NewGuid(), "svc", Guid.NewGuid(), null, rule);

        var first = UrgencyPolicies.For(Integration(BerlinOffice));
        var again = UrgencyPolicies.For(Integration(new string(BerlinOffice)));
        var changed = UrgencyPolicies.For(Integration("""{"rule":"high"}"""));

        Assert.Same(first, again);
        Assert.NotSame(first, changed);
        Assert.Equal(AlertUrgency.High, changed.Decide(AlertSeverity.Info, Utc(2026, 6, 6, 3)));
        Assert.Same(UrgencyPolicy.BySeverity, UrgencyPolicies.For(Integration(null)));
        // A stored rule that no longer reads judges by severity instead of failing the alert.
        Assert.Same(UrgencyPolicy.BySeverity, UrgencyPolicies.For(Integration("""{"rule":"supportHours","timeZone":"Mars/Olympus"}""")));
    }
}
