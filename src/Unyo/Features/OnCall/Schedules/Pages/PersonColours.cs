namespace Unyo.Features.OnCall.Schedules.Pages;

// A colour per person that stays the same on every page and every visit: picked from the id, from
// a palette that reads on white with dark text.
public static class PersonColours
{
    private static readonly string[] Palette =
        ["#8ecae6", "#ffb703", "#90be6d", "#f4a6c0", "#b8a1e3", "#f9844a", "#4cc9c0", "#e9c46a", "#a3b18a", "#f28482"];

    public static string For(Guid id) => Palette[(int)((uint)id.GetHashCode() % Palette.Length)];
}
