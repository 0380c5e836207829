using System.Globalization;
using System.Text.Json.Nodes;

namespace Unyo.Features.ConfigAsCode;

public sealed partial class OpenSloTranslator
{
    private static readonly Dictionary<string, string> Severities = new(StringComparer.OrdinalIgnoreCase)
    {
        ["page"] = "page", ["critical"] = "page", ["sev1"] = "page", ["p1"] = "page",
        ["ticket"] = "ticket", ["warning"] = "ticket", ["sev2"] = "ticket", ["sev3"] = "ticket", ["p2"] = "ticket", ["p3"] = "ticket",
    };

    private sealed record RuleSet(JsonArray Rules, Dictionary<string, FieldOrigin> Origins);

    // Each burn-rate condition of the SLO's alert policies becomes one of its alert rules.
    private RuleSet? AlertRules(OpenSloNode spec, WindowFields window)
    {
        var rules = new RuleSet([], new Dictionary<string, FieldOrigin>(StringComparer.Ordinal));
        if (spec.Items("alertPolicies") is not { } policies)
        {
            return spec.Has("alertPolicies") ? null : rules;
        }
        var ok = true;
        foreach (var item in policies)
        {
            OpenSloNode? policy;
            if (item.Has("alertPolicyRef"))
            {
                item.Known("an alert policy reference", "alertPolicyRef");
                policy = Referenced(item, "alertPolicyRef", "AlertPolicy")?.Object("spec", required: true);
            }
            else
            {
                policy = Inline(item, "AlertPolicy").Spec;
            }
            ok &= policy is not null && Policy(policy, window, rules);
        }
        return ok ? rules : null;
    }

    private static (OpenSloNode? Metadata, OpenSloNode? Spec) Inline(OpenSloNode item, string kind)
    {
        item.Known($"an inline {kind}", "kind", "metadata", "spec");
        if (item.Text("kind") is { } written && written != kind)
        {
            item.Error("kind", $"'{written}' must be {kind}.");
            return (null, null);
        }
        var metadata = item.Object("metadata");
        metadata?.Known("metadata", "name", "displayName", "labels", "annotations");
        return (metadata, item.Object("spec", required: true));
    }

    private bool Policy(OpenSloNode policy, WindowFields window, RuleSet rules)
    {
        policy.Known("an AlertPolicy", "description", "alertWhenNoData", "alertWhenResolved", "alertWhenBreaching", "conditions", "notificationTargets");
        if (policy.Bool("alertWhenBreaching") == false)
        {
            return Fail(policy, "alertWhenBreaching", "false is not supported: Unyo's burn-rate rules alert when they breach (and resolve when they stop); leave the policy out to have no such rule.");
        }
        foreach (var target in policy.Items("notificationTargets") ?? [])
        {
            Target(policy, target);
        }
        if (policy.Items("conditions", required: true) is not { } conditions)
        {
            return false;
        }
        if (conditions.Count == 0)
        {
            return Fail(policy, "conditions", "must hold a condition.");
        }
        var ok = true;
        foreach (var item in conditions)
        {
            var (metadata, condition) = item.Has("conditionRef") ? ConditionRef(item) : Inline(item, "AlertCondition");
            ok &= condition is not null && Rule(condition, metadata, window, rules);
        }
        return ok;
    }

    private (OpenSloNode? Metadata, OpenSloNode? Spec) ConditionRef(OpenSloNode item)
    {
        item.Known("a condition reference", "conditionRef");
        var condition = Referenced(item, "conditionRef", "AlertCondition");
        return (condition?.Object("metadata"), condition?.Object("spec", required: true));
    }

    private void Target(OpenSloNode policy, OpenSloNode target)
    {
        if (target.Has("targetRef"))
        {
            target.Known("a notification target reference", "targetRef");
            if (target.Text("targetRef") is { } name)
            {
                var found = _objects.TryGetValue(("AlertNotificationTarget", name), out var document);
                if (found)
                {
                    _used.Add(("AlertNotificationTarget", name));
                }
                WarnAboutTarget(found ? document! : policy.Document, found ? document!.Spec["target"]?.ToString() : null, name);
            }
            return;
        }
        var (metadata, spec) = Inline(target, "AlertNotificationTarget");
        WarnAboutTarget(policy.Document, spec?.Value["target"]?.ToString(), metadata?.Value["name"]?.ToString() ?? "(inline)");
    }

    // threshold is a burn rate over lookbackWindow; Unyo keeps the share of the whole budget that
    // burning so fast over that window spends. alertAfter becomes the short window that confirms
    // the burn is still going on (see docs/openslo.md for how that differs from waiting).
    private static bool Rule(OpenSloNode spec, OpenSloNode? metadata, WindowFields window, RuleSet rules)
    {
        spec.Known("an AlertCondition", "description", "severity", "condition");
        var severity = spec.Text("severity", required: true);
        var ok = severity is null || Severities.ContainsKey(severity)
            || Fail(spec, "severity", $"'{severity}' is not a severity Unyo knows: page (or critical, sev1, p1) or ticket (or warning, sev2, sev3, p2, p3).");
        if (spec.Object("condition", required: true) is not { } condition)
        {
            return false;
        }
        condition.Known("a condition", "kind", "op", "threshold", "lookbackWindow", "alertAfter");
        if (condition.Text("kind") is { } kind && kind != "burnrate")
        {
            ok = Fail(condition, "kind", $"'{kind}' is not supported: Unyo alerts on burn rate (burnrate).");
        }
        if (condition.Text("op") is { } op && op is not ("gt" or "gte"))
        {
            ok = Fail(condition, "op", op is "lt" or "lte" ? $"'{op}' does not fit: Unyo alerts when the burn rate is above the threshold (gt or gte)." : $"'{op}' must be gt or gte.");
        }
        var threshold = condition.Number("threshold", required: true);
        if (threshold is <= 0 or > 1_000_000)
        {
            ok = Fail(condition, "threshold", "must be above 0 (and at most 1000000): a burn rate of 1 spends the budget exactly over the SLO window.");
        }
        var lookback = condition.Text("lookbackWindow", required: true);
        var longMinutes = OpenSlo.Minutes(lookback);
        if (lookback is not null && longMinutes is null)
        {
            ok = Fail(condition, "lookbackWindow", $"'{lookback}' must be minutes, hours, days or weeks, such as 1h or 3d.");
        }
        var after = condition.Text("alertAfter");
        var afterMinutes = after is null ? 0 : OpenSlo.Minutes(after, allowZero: true);
        if (afterMinutes is null)
        {
            ok = Fail(condition, "alertAfter", $"'{after}' must be minutes, hours, days or weeks, such as 5m.");
        }
        if (!ok || severity is null || threshold is not { } rate || longMinutes is not { } longWindow)
        {
            return false;
        }
        // Without alertAfter, the short window is the Workbook's: a twelfth of the long one.
        var shortWindow = afterMinutes is > 0 ? afterMinutes.Value : Math.Max(1, (long)Math.Round(longWindow / 12.0));
        var consumed = BudgetConsumed(rate, metadata, longWindow, window.Minutes);
        if (consumed is <= 0 or > 100)
        {
            return Fail(condition, "threshold", consumed > 100
                ? $"a burn rate of {OpenSlo.Format(rate)} over {lookback} spends {OpenSlo.Format(consumed)}% of the budget of a {window.Label} window; a rule can spend at most all of it: lower the threshold or shorten lookbackWindow."
                : $"a burn rate of {OpenSlo.Format(rate)} over {lookback} spends too little of a {window.Label} window's budget to alert on.");
        }
        var at = $"spec.alertRules[{rules.Rules.Count}]";
        rules.Rules.Add(new JsonObject
        {
            ["severity"] = Severities[severity],
            ["longWindow"] = OpenSlo.FormatMinutes(longWindow),
            ["shortWindow"] = OpenSlo.FormatMinutes(shortWindow),
            ["budgetConsumed"] = JsonValue.Create(consumed),
        });
        rules.Origins[at] = condition.Origin();
        rules.Origins[$"{at}.severity"] = spec.Origin("severity");
        rules.Origins[$"{at}.longWindow"] = condition.Origin("lookbackWindow");
        rules.Origins[$"{at}.shortWindow"] = condition.Origin(after is null ? "lookbackWindow" : "alertAfter");
        rules.Origins[$"{at}.budgetConsumed"] = condition.Origin("threshold");
        return true;
    }

    // An export rounds the threshold to six decimals and keeps the exact share in an annotation;
    // the annotation counts only while the threshold is still the one it gives, so an edited
    // threshold wins.
    private static decimal BudgetConsumed(decimal threshold, OpenSloNode? metadata, long longMinutes, long windowMinutes)
    {
        var annotations = metadata?.UnyoAnnotations(OpenSlo.BudgetConsumedAnnotation);
        if (annotations is not null && annotations.TryGetValue(OpenSlo.BudgetConsumedAnnotation, out var annotation)
            && decimal.TryParse(annotation.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact) && exact is > 0 and <= 100
            && OpenSlo.Threshold(exact, longMinutes, windowMinutes) == threshold)
        {
            return exact;
        }
        return OpenSlo.BudgetConsumedPercent(threshold, longMinutes, windowMinutes);
    }
}
