using System.Globalization;

namespace Unyo.Features.Checks.Probes;

// One entry of an HTTP check's expected status codes: a single code (From == To) or a range.
public readonly record struct StatusRange(int From, int To)
{
    public bool Contains(int status) => status >= From && status <= To;

    public override string ToString() => From == To
        ? From.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{From}-{To}");

    // "200" or "200-299", each code 100-599; null when the text is neither.
    public static StatusRange? Parse(string? text)
    {
        var value = text.AsSpan().Trim();
        var dash = value.IndexOf('-');
        var from = dash < 0 ? value : value[..dash].Trim();
        var to = dash < 0 ? value : value[(dash + 1)..].Trim();
        if (!Code(from, out var low) || !Code(to, out var high) || low > high)
        {
            return null;
        }
        return new StatusRange(low, high);
    }

    private static bool Code(ReadOnlySpan<char> text, out int code)
    {
        if (text.Length == 3 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out code) && code is >= 100 and <= 599)
        {
            return true;
        }
        code = 0;
        return false;
    }
}
