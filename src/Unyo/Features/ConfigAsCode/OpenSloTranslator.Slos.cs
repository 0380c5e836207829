using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Unyo.Features.ConfigAsCode;

public sealed partial class OpenSloTranslator
{
    private sealed record SliReference(string Name, FieldOrigin Origin);

    private sealed record Objective(OpenSloNode Node, string? DisplayName, decimal Percent, FieldOrigin Origin, decimal? SliceTarget, string? SliceWindow);

    // One Unyo SLO per objective: Unyo judges an SLI against one objective, and several
    // objectives on one SLI are several SLOs that share it.
    private void TranslateSlo(ConfigDocument document)
    {
        var root = OpenSloNode.Root(document, _errors);
        var metadata = root.Object("metadata")!;
        var annotations = metadata.UnyoAnnotations(OpenSlo.DisplayNameAnnotation, OpenSlo.DescriptionAnnotation);
        if (root.Object("spec", required: true) is not { } spec)
        {
            return;
        }
        spec.Known("an SLO", "description", "service", "indicator", "indicatorRef", "timeWindow", "budgetingMethod", "objectives", "alertPolicies");
        var service = spec.Text("service", required: true);
        var sli = Indicator(spec, service);
        var window = TimeWindow(spec);
        var budgeting = Budgeting(spec);
        var objectives = Objectives(spec, budgeting);
        var rules = window is null ? null : AlertRules(spec, window);
        var names = objectives is null ? null : ObjectiveNames(document.Name!, objectives);
        if (service is null || sli is null || window is null || budgeting is null || objectives is null || rules is null || names is null)
        {
            return;
        }
        var (displayName, displayOrigin) = annotations.TryGetValue(OpenSlo.DisplayNameAnnotation, out var annotated)
            ? annotated : (metadata.Text("displayName"), metadata.Origin("displayName"));
        var (description, descriptionOrigin) = annotations.TryGetValue(OpenSlo.DescriptionAnnotation, out var written)
            ? written : (spec.Text("description"), spec.Origin("description"));
        for (var i = 0; i < objectives.Count; i++)
        {
            var objective = objectives[i];
            var origins = new Dictionary<string, FieldOrigin>(StringComparer.Ordinal)
            {
                ["metadata"] = metadata.Origin(),
                ["metadata.name"] = objectives.Count == 1 ? metadata.Origin("name") : objective.Node.Origin(),
                ["spec"] = spec.Origin(),
                ["spec.service"] = spec.Origin("service"),
                ["spec.sli"] = sli.Origin,
                ["spec.displayName"] = objectives.Count == 1 ? displayOrigin : objective.Node.Origin("displayName"),
                ["spec.description"] = descriptionOrigin,
                ["spec.objective"] = objective.Origin,
                ["spec.budgeting"] = spec.Origin("budgetingMethod"),
                ["spec.timeSliceTarget"] = objective.Node.Origin("timeSliceTarget"),
                ["spec.timeSliceWindow"] = objective.Node.Origin("timeSliceWindow"),
            };
            var unyo = new JsonObject()
                .With("service", service)
                .With("sli", sli.Name)
                .With("displayName", objectives.Count == 1 ? displayName : $"{displayName ?? document.Name}: {objective.DisplayName ?? $"objective {i + 1}"}")
                .With("description", description)
                .With("objective", JsonValue.Create(objective.Percent));
            foreach (var (key, value) in window.Fields)
            {
                unyo[key] = value?.DeepClone();
            }
            unyo.With("budgeting", budgeting)
                .With("timeSliceTarget", objective.SliceTarget is { } target ? JsonValue.Create(target) : null)
                .With("timeSliceWindow", objective.SliceWindow)
                .With("alertRules", rules.Rules.DeepClone());
            foreach (var (path, origin) in window.Origins.Concat(rules.Origins))
            {
                origins[path] = origin;
            }
            Emit(document, "SLO", new JsonObject { ["name"] = names[i] }, unyo, origins);
        }
    }

    private SliReference? Indicator(OpenSloNode spec, string? service)
    {
        if (spec.Has("indicator") && spec.Has("indicatorRef"))
        {
            spec.Error("indicatorRef", "give indicator or indicatorRef, not both.");
            return null;
        }
        if (spec.Has("indicatorRef"))
        {
            if (spec.Text("indicatorRef", required: true) is not { } reference)
            {
                return null;
            }
            // An SLI of the files is translated beside the SLO; any other name must be a Unyo SLI,
            // which the SLO kind checks against the files and the stored state.
            if (_objects.ContainsKey(("SLI", reference)) && service is not null)
            {
                _used.Add(("SLI", reference));
                (_sliUsers.TryGetValue(reference, out var users) ? users : _sliUsers[reference] = []).Add((service, spec.Origin("service")));
            }
            return new SliReference(reference, spec.Origin("indicatorRef"));
        }
        if (spec.Object("indicator") is not { } inline)
        {
            if (!spec.Has("indicator"))
            {
                spec.Error("indicator", "is required: the SLI inline, or indicatorRef naming an SLI (of the files, or a Unyo SLI).");
            }
            return null;
        }
        inline.Known("an inline SLI", "metadata", "spec");
        var metadata = inline.Object("metadata", required: true);
        metadata?.Known("metadata", "name", "displayName", "labels", "annotations");
        var name = metadata?.Text("name", required: true);
        var annotations = metadata?.UnyoAnnotations(OpenSlo.DescriptionAnnotation);
        var sliSpec = inline.Object("spec", required: true);
        if (metadata is null || name is null || sliSpec is null || service is null)
        {
            return null;
        }
        TranslateSli(name, metadata, annotations!, sliSpec, service, spec.Origin("service"), inline: true);
        return new SliReference(name, metadata.Origin("name"));
    }

    private string? Budgeting(OpenSloNode spec) => spec.Text("budgetingMethod", required: true) switch
    {
        null => null,
        "Occurrences" => "occurrences",
        "Timeslices" => "timeslices",
        "RatioTimeslices" => Refuse(spec, "budgetingMethod", "RatioTimeslices is not supported: Unyo counts events (Occurrences) or judges each slice good or bad against timeSliceTarget (Timeslices); it does not average the slices' ratios."),
        var other => Refuse(spec, "budgetingMethod", $"'{other}' must be Occurrences or Timeslices."),
    };

    private static string? Refuse(OpenSloNode node, string key, string message)
    {
        node.Error(key, message);
        return null;
    }

    private static List<Objective>? Objectives(OpenSloNode spec, string? budgeting)
    {
        if (spec.Items("objectives", required: true) is not { } items)
        {
            return null;
        }
        if (items.Count == 0)
        {
            spec.Error("objectives", "must hold at least one objective.");
            return null;
        }
        var result = new List<Objective>();
        foreach (var item in items)
        {
            if (ReadObjective(item, budgeting) is { } objective)
            {
                result.Add(objective);
            }
        }
        return result.Count == items.Count ? result : null;
    }

    private static Objective? ReadObjective(OpenSloNode item, string? budgeting)
    {
        item.Known("an SLO objective", "displayName", "op", "value", "target", "targetPercent", "timeSliceTarget", "timeSliceWindow", "indicator", "indicatorRef", "compositeWeight");
        var ok = true;
        foreach (var key in new[] { "indicator", "indicatorRef", "compositeWeight" }.Where(item.Has))
        {
            ok = Fail(item, key, "belongs to composite SLOs (an indicator per objective), which Unyo does not support: write one SLO per indicator.");
        }
        if (item.Has("value"))
        {
            ok = Fail(item, "value", "applies to thresholdMetric SLIs, which Unyo does not read: here an objective is a share of good events (target).");
        }
        if (item.Text("op") is { } op && op is not ("gt" or "gte"))
        {
            ok = Fail(item, "op", op is "lt" or "lte"
                ? $"'{op}' does not fit: a ratio SLI meets its objective by reaching the target (gt or gte)."
                : $"'{op}' must be gt or gte.");
        }
        decimal? percent = null;
        FieldOrigin origin = item.Origin("target");
        if (item.Has("target") && item.Has("targetPercent"))
        {
            ok = Fail(item, "targetPercent", "give target or targetPercent, not both.");
        }
        else if (item.Has("targetPercent"))
        {
            (percent, origin) = (item.Number("targetPercent") is { } written ? (decimal?)OpenSlo.Normal(written) : null, item.Origin("targetPercent"));
        }
        else if (item.Number("target", required: true) is { } target)
        {
            percent = target is > 0 and < 1 ? OpenSlo.Normal(target * 100) : null;
            ok = percent is not null || Fail(item, "target", $"{OpenSlo.Format(target)} must be above 0 and below 1 (0.999 is 99.9%).");
        }
        var (sliceTarget, sliceWindow) = budgeting == "timeslices" ? TimeSlice(item) : (null, null);
        if (budgeting == "timeslices" && (sliceTarget is null || sliceWindow is null))
        {
            ok = false;
        }
        return ok && percent is { } p ? new Objective(item, item.Text("displayName"), p, origin, sliceTarget, sliceWindow) : null;
    }

    private static bool Fail(OpenSloNode node, string key, string message)
    {
        node.Error(key, message);
        return false;
    }

    private static (decimal? Target, string? Window) TimeSlice(OpenSloNode item)
    {
        decimal? target = null;
        if (item.Number("timeSliceTarget", required: true) is { } fraction)
        {
            target = fraction is > 0 and <= 1 ? OpenSlo.Normal(fraction * 100) : null;
            if (target is null)
            {
                item.Error("timeSliceTarget", $"{OpenSlo.Format(fraction)} must be above 0 and at most 1 (0.95: a slice is good when 95% of its events are).");
            }
        }
        // A plain number is minutes, as OpenSLO reads it.
        var node = item.Value["timeSliceWindow"];
        long? minutes = node switch
        {
            JsonValue value when value.GetValueKind() == JsonValueKind.Number =>
                item.Number("timeSliceWindow") is { } number && number == decimal.Truncate(number) && number is >= 1 and <= 60 ? (long)number : 0,
            JsonValue value when value.GetValueKind() == JsonValueKind.String => OpenSlo.Minutes(value.GetValue<string>()),
            _ => null,
        };
        if (node is null)
        {
            item.Error("timeSliceWindow", "is required with Timeslices: the length of a slice, such as 5m.");
        }
        else if (minutes is not (>= 1 and <= 60))
        {
            item.Error("timeSliceWindow", $"'{node.ToString()}' must be whole minutes from 1m to 60m: Unyo's slices are made of its one-minute buckets.");
            minutes = null;
        }
        return (target, minutes is { } m ? $"{m}m" : null);
    }

    // A single objective keeps the SLO's name; several become NAME-DISPLAYNAME (or NAME-2).
    private static List<string>? ObjectiveNames(string name, List<Objective> objectives)
    {
        if (objectives.Count == 1)
        {
            return [name];
        }
        var names = new List<string>();
        for (var i = 0; i < objectives.Count; i++)
        {
            var suffix = OpenSlo.Slug(objectives[i].DisplayName) is { Length: > 0 } slug ? slug : (i + 1).ToString(CultureInfo.InvariantCulture);
            var derived = $"{name}-{suffix}";
            if (names.Contains(derived))
            {
                objectives[i].Node.Error("displayName", $"gives the Unyo SLO name '{derived}' a second time: each objective becomes an SLO named after the SLO and the objective's displayName.");
                return null;
            }
            names.Add(derived);
        }
        return names;
    }
}
