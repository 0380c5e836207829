using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Audit;
using Unyo.Hosting;

namespace Unyo.Features.ConfigAsCode;

// Plans and applies YAML documents: validate every document, diff against what is stored,
// check references in the state the plan would leave, authorise every change, then write it all
// in one transaction (or nothing at all).
public sealed class ApplyEngine(UnyoDb db, AuditLog audit, IEnumerable<IConfigKind> registered)
{
    private readonly IReadOnlyList<IConfigKind> _kinds = [.. registered.OrderBy(k => k.Order)];

    public IReadOnlyList<IConfigKind> Kinds => _kinds;

    public async Task<ApplyOutcome> RunAsync(ApplyRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var warnings = new List<string>();
        if (request.Files is not { Count: > 0 })
        {
            return ApplyOutcome.Invalid(errors.Add("files", "must hold at least one file."));
        }
        var documents = OpenSloTranslator.Translate(BackstageTranslator.Translate(YamlDocumentReader.Read(request.Files, errors), warnings), warnings, errors);
        var desired = Parse(documents, errors);
        if (!errors.IsEmpty)
        {
            return ApplyOutcome.Invalid(errors);
        }
        // Even a dry run would show stored values in its field changes.
        var unreadable = new ValidationErrors();
        foreach (var kind in desired.Values.Select(d => d.Kind).Distinct().Where(k => !k.CanRead(user)))
        {
            unreadable.Add($"kind {kind.Kind}", "only admins may plan or apply it.");
        }
        if (!unreadable.IsEmpty)
        {
            return ApplyOutcome.Forbidden(unreadable);
        }

        var current = new Dictionary<string, Dictionary<string, ConfigObject>>();
        foreach (var kind in _kinds)
        {
            current[kind.Kind] = (await kind.LoadAsync(cancellationToken)).ToDictionary(o => o.Definition.Name, StringComparer.Ordinal);
        }
        var plan = Plan(desired, current, request.Prune);
        CheckFinalState(plan, current, desired, errors);
        if (!errors.IsEmpty)
        {
            return ApplyOutcome.Invalid(errors);
        }
        var denied = await AuthoriseAsync(plan, user, cancellationToken);
        if (!denied.IsEmpty && !request.DryRun)
        {
            return ApplyOutcome.Forbidden(denied);
        }
        // A plan is only reading: show it, and say what the caller would not be allowed to apply.
        warnings.AddRange(denied.All.Select(d => $"{d.Field}: {d.Message}"));
        var changes = plan.Select(p => p.Change).ToList();
        if (request.DryRun || changes.All(c => c.Action == "unchanged"))
        {
            return ApplyOutcome.Planned(new ApplyResponse(request.DryRun, !request.DryRun, changes, warnings));
        }
        try
        {
            await WriteAsync(plan, cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseProvider.IsConstraintViolation(exception))
        {
            throw ChangedMeanwhile();
        }
        return ApplyOutcome.Planned(new ApplyResponse(false, true, changes, warnings));
    }

    private Dictionary<(string Kind, string Name), (IConfigKind Kind, ConfigDocument Document, IConfigDefinition Definition)> Parse(
        List<ConfigDocument> documents, ValidationErrors errors)
    {
        var desired = new Dictionary<(string, string), (IConfigKind, ConfigDocument, IConfigDefinition)>();
        foreach (var document in documents)
        {
            void Error(string path, string message) => errors.Add(document.Locate(path), message);
            if (document.ApiVersion != ConfigDocuments.ApiVersion)
            {
                Error("apiVersion", document.ApiVersion is null
                    ? $"is required: {ConfigDocuments.ApiVersion}."
                    : $"'{document.ApiVersion}' is not supported: use {ConfigDocuments.ApiVersion} (or backstage.io/v1alpha1 for Backstage catalog files, openslo/v1 for OpenSLO).");
                continue;
            }
            var kind = _kinds.FirstOrDefault(k => k.Kind == document.Kind);
            if (kind is null)
            {
                Error("kind", document.Kind is null
                    ? $"is required: one of {string.Join(", ", _kinds.Select(k => k.Kind))}."
                    : $"'{document.Kind}' is not a known kind: use one of {string.Join(", ", _kinds.Select(k => k.Kind))}.");
                continue;
            }
            foreach (var (key, _) in document.Root)
            {
                if (key is not ("apiVersion" or "kind" or "metadata" or "spec"))
                {
                    Error(key, "is not a known field: a document has apiVersion, kind, metadata and spec.");
                }
            }
            var definition = kind.Parse(document, Error);
            if (definition is null)
            {
                continue;
            }
            if (desired.TryGetValue((kind.Kind, definition.Name), out var first))
            {
                Error("metadata.name", $"{kind.Kind} '{definition.Name}' is defined twice; the first is in {first.Item2.File} (document {first.Item2.Index}).");
                continue;
            }
            desired[(kind.Kind, definition.Name)] = (kind, document, definition);
        }
        return desired;
    }

    private List<PlanStep> Plan(
        Dictionary<(string Kind, string Name), (IConfigKind Kind, ConfigDocument Document, IConfigDefinition Definition)> desired,
        Dictionary<string, Dictionary<string, ConfigObject>> current,
        bool prune)
    {
        var steps = new List<PlanStep>();
        foreach (var kind in _kinds)
        {
            foreach (var ((_, name), entry) in desired.Where(d => d.Key.Kind == kind.Kind).OrderBy(d => d.Key.Name, StringComparer.Ordinal))
            {
                if (current[kind.Kind].TryGetValue(name, out var existing))
                {
                    var fields = DocumentDiff.Compare(kind.ToDocument(existing.Definition), kind.ToDocument(entry.Definition));
                    steps.Add(new PlanStep(kind, existing.Definition, entry.Definition, new PlannedChange(fields.Count == 0 ? "unchanged" : "update", kind.Kind, name, fields)));
                }
                else
                {
                    steps.Add(new PlanStep(kind, null, entry.Definition, new PlannedChange("create", kind.Kind, name, [])));
                }
            }
        }
        if (prune)
        {
            var appliedKinds = desired.Keys.Select(k => k.Kind).ToHashSet();
            foreach (var kind in _kinds.Reverse().Where(k => appliedKinds.Contains(k.Kind)))
            {
                foreach (var existing in current[kind.Kind].Values.Where(o => o.ManagedByApply && !desired.ContainsKey((kind.Kind, o.Definition.Name))).OrderBy(o => o.Definition.Name, StringComparer.Ordinal))
                {
                    steps.Add(new PlanStep(kind, existing.Definition, null, new PlannedChange("delete", kind.Kind, existing.Definition.Name, [])));
                }
            }
        }
        return steps;
    }

    private void CheckFinalState(
        List<PlanStep> plan,
        Dictionary<string, Dictionary<string, ConfigObject>> current,
        Dictionary<(string Kind, string Name), (IConfigKind Kind, ConfigDocument Document, IConfigDefinition Definition)> desired,
        ValidationErrors errors)
    {
        var final = current.ToDictionary(c => c.Key, c => c.Value.ToDictionary(o => o.Key, o => o.Value.Definition, StringComparer.Ordinal));
        foreach (var step in plan)
        {
            if (step.After is null)
            {
                final[step.Kind.Kind].Remove(step.Before!.Name);
            }
            else
            {
                final[step.Kind.Kind][step.After.Name] = step.After;
            }
        }
        var written = plan.Where(s => s.Change.Action is "create" or "update").Select(s => (s.Kind.Kind, s.Change.Name)).ToHashSet();
        var deleted = plan.Where(s => s.Change.Action == "delete").Select(s => (s.Kind.Kind, s.Change.Name)).ToHashSet();
        var state = new FinalState(final, written, deleted);
        foreach (var kind in _kinds)
        {
            kind.CheckFinalState(state, (name, path, message) =>
                errors.Add(desired.TryGetValue((kind.Kind, name), out var entry) ? entry.Document.Locate(path) : $"{kind.Kind} '{name}' (stored): {path}", message));
        }
    }

    private static async Task<ValidationErrors> AuthoriseAsync(List<PlanStep> plan, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var denied = new ValidationErrors();
        foreach (var step in plan.Where(s => s.Change.Action != "unchanged"))
        {
            if (!await step.Kind.CanChangeAsync(user, step.Before, step.After, cancellationToken))
            {
                denied.Add($"{step.Kind.Kind} '{step.Change.Name}'", $"you may not {step.Change.Action} it: only its team's members and admins may.");
            }
        }
        return denied;
    }

    private async Task WriteAsync(List<PlanStep> plan, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var kind in _kinds)
        {
            var upserts = plan.Where(s => s.Kind == kind && s.After is not null && s.Change.Action != "unchanged").Select(s => s.After!).ToList();
            if (upserts.Count > 0)
            {
                await kind.UpsertAsync(upserts, cancellationToken);
            }
        }
        foreach (var kind in _kinds.Reverse())
        {
            var deletes = plan.Where(s => s.Kind == kind && s.After is null).Select(s => s.Before!.Name).ToList();
            if (deletes.Count > 0)
            {
                await kind.DeleteAsync(deletes, cancellationToken);
            }
        }
        foreach (var step in plan.Where(s => s.Change.Action is "create" or "update" or "delete"))
        {
            audit.Record($"{step.Kind.Kind.ToLowerInvariant()}.{step.Change.Action}", step.Kind.Kind, step.Change.Name,
                step.Before is null ? null : step.Kind.ToDocument(step.Before), step.After is null ? null : step.Kind.ToDocument(step.After), "apply");
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // Someone changed what the plan relied on between planning and writing (a team deleted in
    // the UI, a name taken): nothing is written, and running the apply again re-plans.
    private static RequestValidationException ChangedMeanwhile() => new(
        new ValidationErrors().Add("plan", "objects this apply refers to changed while it ran; nothing was written. Apply again."),
        StatusCodes.Status409Conflict,
        "The stored configuration changed during the apply.");

    private sealed record PlanStep(IConfigKind Kind, IConfigDefinition? Before, IConfigDefinition? After, PlannedChange Change);
}

public sealed record ApplyOutcome(ApplyResponse? Response, ValidationErrors? Errors, bool IsForbidden)
{
    public static ApplyOutcome Planned(ApplyResponse response) => new(response, null, false);
    public static ApplyOutcome Invalid(ValidationErrors errors) => new(null, errors, false);
    public static ApplyOutcome Forbidden(ValidationErrors errors) => new(null, errors, true);
}
