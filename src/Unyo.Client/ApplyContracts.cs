namespace Unyo.Client;

/// <summary>A YAML file to apply: its name is used only to say where an error is.</summary>
/// <param name="Name">File name or path as the user knows it.</param>
/// <param name="Content">The YAML text; several documents may be separated by <c>---</c>.</param>
public sealed record ApplyFile(string Name, string Content);

/// <summary>Applies configuration files in one transaction.</summary>
public sealed record ApplyRequest
{
    /// <summary>The files; together they are the desired state.</summary>
    public IReadOnlyList<ApplyFile>? Files { get; init; }
    /// <summary>Only compute and return the plan.</summary>
    public bool DryRun { get; init; }
    /// <summary>Delete apply-managed objects of the applied kinds that the files no longer hold.</summary>
    public bool Prune { get; init; }
}

/// <summary>One field that changes.</summary>
/// <param name="Path">Field path such as <c>spec.tier</c>.</param>
/// <param name="Before">The current value as YAML-like text, or null when absent.</param>
/// <param name="After">The desired value, or null when removed.</param>
public sealed record FieldChange(string Path, string? Before, string? After);

/// <summary>What happens to one object.</summary>
/// <param name="Action">create, update, delete or unchanged.</param>
/// <param name="Kind">Kind such as Team or Service.</param>
/// <param name="Name">Object name.</param>
/// <param name="Fields">Field changes of an update (empty otherwise).</param>
public sealed record PlannedChange(string Action, string Kind, string Name, IReadOnlyList<FieldChange> Fields);

/// <summary>The plan, and whether it was applied.</summary>
/// <param name="DryRun">True when nothing was written.</param>
/// <param name="Applied">True when the plan was written (in one transaction).</param>
/// <param name="Changes">Every object in the files or pruned, in apply order.</param>
/// <param name="Warnings">Things skipped on purpose, such as Backstage kinds that Unyo does not model.</param>
public sealed record ApplyResponse(bool DryRun, bool Applied, IReadOnlyList<PlannedChange> Changes, IReadOnlyList<string> Warnings);
