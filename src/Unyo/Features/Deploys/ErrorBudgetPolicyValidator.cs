using System.Globalization;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Deploys;

// Field rules for an error-budget policy, shared by the API and YAML. Keys are the request's
// field names (`steps[1].decision`, `services[0]`); whether the services exist, and follow no
// other policy, is checked where the state is known (ErrorBudgetPolicyCatalog, ErrorBudgetPolicyKind).
public static class ErrorBudgetPolicyValidator
{
    public const int MaxSteps = 10;
    public const int MaxServices = 200;
    public const int MaxExemptLabels = 20;
    public const decimal MaxThreshold = 100;
    // Remaining budget goes negative when overspent; ten budgets overspent is past any useful step.
    public const decimal MinThreshold = -1000;

    public static ErrorBudgetPolicySpec? Validate(ErrorBudgetPolicyRequest request, ValidationErrors errors)
    {
        Slugs.Check(request.Name, "name", errors);
        if (request.Description is { Length: > 2000 })
        {
            errors.Add("description", "must be at most 2000 characters.");
        }
        var isDefault = request.Default ?? false;
        var services = CheckServices(request.Services, isDefault, errors);
        var steps = CheckSteps(request.Steps, errors);
        var labels = CheckExemptLabels(request.ExemptLabels, errors);
        if (!errors.IsEmpty)
        {
            return null;
        }
        return new ErrorBudgetPolicySpec(
            request.Name!,
            string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
            isDefault,
            services,
            steps,
            request.FreezeWhilePaging ?? PolicyRules.BuiltIn.FreezeWhilePaging,
            labels);
    }

    private static List<string> CheckServices(IReadOnlyList<string>? services, bool isDefault, ValidationErrors errors)
    {
        if (isDefault)
        {
            if (services is { Count: > 0 })
            {
                errors.Add("services", "must be left out for the organisation default: it governs every service without a policy of its own.");
            }
            return [];
        }
        if (services is not { Count: > 0 })
        {
            errors.Add("services", "is required: the slugs of the services this policy governs (or set default: true for the organisation default).");
            return [];
        }
        if (services.Count > MaxServices)
        {
            errors.Add("services", $"must name at most {MaxServices} services.");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < services.Count; i++)
        {
            Slugs.Check(services[i], $"services[{i}]", errors);
            if (services[i] is { } name && !seen.Add(name))
            {
                errors.Add($"services[{i}]", $"'{name}' is listed twice.");
            }
        }
        return [.. services];
    }

    private static List<PolicyStep> CheckSteps(IReadOnlyList<ErrorBudgetPolicyStep>? steps, ValidationErrors errors)
    {
        if (steps is not { Count: > 0 })
        {
            errors.Add("steps", "is required: at least one step, such as remainingAtOrBelow: 0 with decision: freeze.");
            return [];
        }
        if (steps.Count > MaxSteps)
        {
            errors.Add("steps", $"must hold at most {MaxSteps} steps.");
        }
        var result = new List<PolicyStep>();
        // The lowest threshold and the most severe decision so far, each from the steps that gave a valid one.
        decimal? lowest = null;
        (GateDecision Decision, decimal? At)? severest = null;
        for (var i = 0; i < steps.Count; i++)
        {
            var field = $"steps[{i}]";
            if (steps[i] is not { } step)
            {
                errors.Add(field, "must be an object with remainingAtOrBelow and decision.");
                continue;
            }
            var threshold = CheckThreshold(step.RemainingAtOrBelow, $"{field}.remainingAtOrBelow", errors);
            var decision = CheckDecision(step.Decision, $"{field}.decision", errors);
            if (threshold is { } t)
            {
                if (lowest is { } low && t >= low)
                {
                    errors.Add($"{field}.remainingAtOrBelow", $"{Text(t)} must be below the previous step's {Text(low)}: list the steps from the most budget left to the least.");
                }
                lowest = lowest is { } l ? Math.Min(l, t) : t;
            }
            if (decision is { } d)
            {
                if (severest is { } worst && d < worst.Decision)
                {
                    var at = worst.At is { } w ? $" at {Text(w)}% left" : " of an earlier step";
                    errors.Add($"{field}.decision", $"'{ReleaseGate.Name(d)}' is less severe than '{ReleaseGate.Name(worst.Decision)}'{at}: decisions must not get less severe as the budget falls.");
                }
                else
                {
                    severest = (d, threshold);
                }
            }
            if (threshold is { } stepAt && decision is { } then)
            {
                result.Add(new PolicyStep(stepAt, then));
            }
        }
        return result;
    }

    private static decimal? CheckThreshold(decimal? value, string field, ValidationErrors errors)
    {
        if (value is not { } threshold)
        {
            errors.Add(field, "is required: the share of the error budget left, in percent, at or below which the step applies, such as 25.");
            return null;
        }
        if (threshold > MaxThreshold)
        {
            errors.Add(field, $"{Text(threshold)} must be at most {Text(MaxThreshold)} (percent): no more than the whole budget is ever left.");
            return null;
        }
        if (threshold < MinThreshold)
        {
            errors.Add(field, $"{Text(threshold)} must be at least {Text(MinThreshold)} (percent; below 0 the budget is overspent).");
            return null;
        }
        if (decimal.Round(threshold, 2) != threshold)
        {
            errors.Add(field, $"{Text(threshold)} has more than 2 decimals.");
            return null;
        }
        // The way the stored double reads back, so that a stored policy and its file compare equal.
        return (decimal)(double)threshold;
    }

    private static GateDecision? CheckDecision(string? text, string field, ValidationErrors errors)
    {
        if (text is null)
        {
            errors.Add(field, "is required: allow, warn or freeze.");
            return null;
        }
        if (!Enum.TryParse<GateDecision>(text, ignoreCase: true, out var decision) || !Enum.IsDefined(decision) || int.TryParse(text, out _))
        {
            errors.Add(field, $"'{text}' must be allow, warn or freeze.");
            return null;
        }
        return decision;
    }

    private static List<string> CheckExemptLabels(IReadOnlyList<string>? labels, ValidationErrors errors)
    {
        if (labels is null)
        {
            return [.. PolicyRules.BuiltIn.ExemptLabels];
        }
        if (labels.Count > MaxExemptLabels)
        {
            errors.Add("exemptLabels", $"must hold at most {MaxExemptLabels} labels.");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Count; i++)
        {
            Slugs.Check(labels[i], $"exemptLabels[{i}]", errors);
            if (labels[i] is { } label && !seen.Add(label))
            {
                errors.Add($"exemptLabels[{i}]", $"'{label}' is listed twice.");
            }
        }
        return [.. labels];
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
