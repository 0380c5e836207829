using System.Runtime.InteropServices;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.Telemetry.Ingest;

// One request's events after parsing: either its (SLI, minute) → (good, total) sums, or why it
// was refused (the first MaxErrors problems, and a reason for the refusal metric).
public sealed class SliEventBatch
{
    private readonly Dictionary<(Guid Sli, long Minute), (long Good, long Total)> _minutes = [];

    public int Events { get; internal set; }

    public ValidationErrors Errors { get; } = new();

    public int ErrorCount { get; private set; }

    public bool IsValid => ErrorCount == 0;

    // The kind of the first problem: unknown_sli, wrong_source, timestamp, too_old, future, counts, form, too_many, malformed.
    public string? Reason { get; private set; }

    // Names the snapshot did not know; the caller looks them up in the database and parses again.
    public HashSet<string>? UnknownNames { get; private set; }

    public int Minutes => _minutes.Count;

    internal void Add(SliTarget sli, long minute, long good, long total)
    {
        ref var counts = ref CollectionsMarshal.GetValueRefOrAddDefault(_minutes, (sli.Id, minute), out _);
        counts.Good += good;
        counts.Total += total;
    }

    // Forced problems (an oversized batch) are listed even past the first MaxErrors.
    internal void Fail(string field, string message, string reason, bool force = false)
    {
        if (ErrorCount++ < SliIngestOptions.MaxErrors || force)
        {
            Errors.Add(field, message);
        }
        Reason ??= reason;
    }

    internal bool NoteUnknown(string name)
    {
        UnknownNames ??= new HashSet<string>(StringComparer.Ordinal);
        return UnknownNames.Count < SliIngestOptions.MaxUnknownNames && UnknownNames.Add(name);
    }

    public CounterDelta[] ToDeltas()
    {
        var deltas = new CounterDelta[_minutes.Count];
        var i = 0;
        foreach (var ((sli, minute), (good, total)) in _minutes)
        {
            deltas[i++] = new CounterDelta(sli, minute, good, total);
        }
        return deltas;
    }
}
