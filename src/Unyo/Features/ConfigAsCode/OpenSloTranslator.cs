using System.Text.Json.Nodes;
using Unyo.Hosting;

namespace Unyo.Features.ConfigAsCode;

// Accepts OpenSLO v1 files beside Unyo's own: an SLO becomes one Unyo SLO per objective, its SLI
// (inline or referred to) a Unyo SLI, its burn-rate alert policies the SLO's alert rules, and a
// Prometheus DataSource lends its URL to the SLIs that refer to it. What Unyo cannot do is refused
// with the document and the field; what it does not need (notification targets, OpenSLO Services,
// other data sources) is skipped with a warning. Translated documents keep the origin of every
// field, so the SLO and SLI validators' errors point into the OpenSLO file too.
public sealed partial class OpenSloTranslator
{
    private static readonly string[] Kinds = ["SLO", "SLI", "AlertPolicy", "AlertCondition", "AlertNotificationTarget", "DataSource", "Service"];

    private readonly Dictionary<(string Kind, string Name), ConfigDocument> _objects = [];
    private readonly HashSet<(string Kind, string Name)> _used = [];
    private readonly HashSet<string> _warnedTargets = new(StringComparer.Ordinal);
    // Standalone SLIs take the service of the SLOs that refer to them.
    private readonly Dictionary<string, List<(string Service, FieldOrigin Origin)>> _sliUsers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConfigDocument> _inlineSlis = new(StringComparer.Ordinal);
    private readonly List<ConfigDocument> _output = [];
    private readonly List<string> _warnings;
    private readonly ValidationErrors _errors;

    private OpenSloTranslator(List<string> warnings, ValidationErrors errors) => (_warnings, _errors) = (warnings, errors);

    public static List<ConfigDocument> Translate(List<ConfigDocument> documents, List<string> warnings, ValidationErrors errors)
    {
        var openSlo = documents.Where(IsOpenSlo).ToList();
        if (openSlo.Count == 0)
        {
            return documents;
        }
        var translator = new OpenSloTranslator(warnings, errors);
        translator.Index(openSlo);
        foreach (var document in translator.OfKind("SLO"))
        {
            translator.TranslateSlo(document);
        }
        foreach (var document in translator.OfKind("SLI"))
        {
            translator.TranslateStandaloneSli(document);
        }
        translator.WarnAboutUnused();
        return [.. documents.Where(d => !IsOpenSlo(d)), .. translator._output];
    }

    private List<ConfigDocument> OfKind(string kind) => [.. _objects.Where(o => o.Key.Kind == kind).Select(o => o.Value)];

    private static bool IsOpenSlo(ConfigDocument document) => document.ApiVersion?.StartsWith("openslo/", StringComparison.Ordinal) == true;

    private void Index(List<ConfigDocument> documents)
    {
        foreach (var document in documents)
        {
            var root = OpenSloNode.Root(document, _errors);
            if (document.ApiVersion != OpenSlo.ApiVersion)
            {
                root.Error("apiVersion", $"'{document.ApiVersion}' is not supported: Unyo reads {OpenSlo.ApiVersion} (and its own unyo.dev/v1).");
                continue;
            }
            root.Known("a document", "apiVersion", "kind", "metadata", "spec");
            if (document.Kind is not { } kind || !Kinds.Contains(kind, StringComparer.Ordinal))
            {
                root.Error("kind", document.Kind is null
                    ? $"is required: one of {string.Join(", ", Kinds)}."
                    : $"'{document.Kind}' is not an OpenSLO v1 kind: use one of {string.Join(", ", Kinds)}.");
                continue;
            }
            var metadata = root.Object("metadata", required: true);
            metadata?.Known("metadata", "name", "displayName", "labels", "annotations");
            if (metadata?.Text("name", required: true) is not { } name)
            {
                continue;
            }
            if (!_objects.TryAdd((kind, name), document))
            {
                var first = _objects[(kind, name)];
                root.Error("metadata.name", $"{kind} '{name}' is defined twice; the first is in {first.File} (document {first.Index}).");
            }
        }
    }

    // A referenced object of the files: OpenSLO objects are not stored, so what a document refers
    // to must be beside it.
    private OpenSloNode? Referenced(OpenSloNode from, string key, string kind)
    {
        if (from.Text(key, required: true) is not { } name)
        {
            return null;
        }
        if (!_objects.TryGetValue((kind, name), out var document))
        {
            from.Error(key, $"{kind} '{name}' is not in the files: Unyo does not store OpenSLO {kind} objects, so apply it together with what refers to it.");
            return null;
        }
        _used.Add((kind, name));
        return OpenSloNode.Root(document, _errors);
    }

    private void Emit(ConfigDocument source, string kind, JsonObject metadata, JsonObject spec, Dictionary<string, FieldOrigin> origins) =>
        _output.Add(source with
        {
            Root = ConfigDocuments.Document(kind, metadata, spec),
            Lines = new Dictionary<string, int>(StringComparer.Ordinal) { [""] = source.Line },
            Origins = origins,
        });

    private void Warn(ConfigDocument document, string message) =>
        _warnings.Add($"{document.File} (document {document.Index}): {message}");

    private void WarnAboutUnused()
    {
        foreach (var ((kind, name), document) in _objects.Where(o => !_used.Contains(o.Key)))
        {
            switch (kind)
            {
                case "AlertPolicy" or "AlertCondition":
                    Warn(document, $"skipped {kind} '{name}': no SLO in the files uses it, and Unyo keeps burn-rate alerts on SLOs.");
                    break;
                case "AlertNotificationTarget":
                    WarnAboutTarget(document, document.Spec["target"]?.ToString(), name);
                    break;
                case "DataSource":
                    Warn(document, $"skipped DataSource '{name}': no SLI in the files reads from it.");
                    break;
                case "Service":
                    Warn(document, $"skipped OpenSLO Service '{name}': a Unyo service belongs to a team; define it as kind Service (unyo.dev/v1) or a Backstage Component.");
                    break;
            }
        }
    }

    // Unyo routes burn alerts by the SLO's service (alert routes, on-call), not by target; the
    // target an export writes stands for exactly that and needs no warning.
    private void WarnAboutTarget(ConfigDocument document, string? target, string name)
    {
        if (target != OpenSlo.UnyoTarget && _warnedTargets.Add(name))
        {
            Warn(document, $"notification target '{name}' ignored: Unyo routes burn-rate alerts by the SLO's service (alert routes and on-call).");
        }
    }
}
