namespace Unyo.Features.OnCall.Schedules.Pages;

// A person's colour on every on-call page: the same person, the same colour, wherever they appear.
// The colour comes from all sixteen bytes of their id (FNV-1a): ids made in the same millisecond
// differ only in their last bytes, which Guid.GetHashCode mixes too weakly to tell apart here.
public static class PersonColours
{
    private static readonly string[] Palette =
        ["#8ecae6", "#ffb703", "#90be6d", "#f4a6c0", "#b8a1e3", "#f9844a", "#4cc9c0", "#e9c46a", "#a3b18a", "#f28482", "#9bb1ff", "#d4a373"];

    public static string For(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        var hash = 2166136261u;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }
        return Palette[hash % (uint)Palette.Length];
    }
}
