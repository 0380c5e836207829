using System.Globalization;
using System.Text;

namespace Unyo.Hosting;

// Durations as people write them in YAML and forms: "30s", "5m", "1h30m", "2d". Whole seconds;
// Format writes the shortest canonical form, so exports and plans compare equal.
public static class Durations
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }
        long seconds = 0;
        var i = 0;
        var lastUnit = long.MaxValue;
        while (i < value.Length)
        {
            var start = i;
            while (i < value.Length && char.IsAsciiDigit(value[i]))
            {
                i++;
            }
            if (i == start || i == value.Length || i - start > 9)
            {
                return false;
            }
            var number = long.Parse(value.AsSpan(start, i - start), CultureInfo.InvariantCulture);
            long unit = value[i++] switch { 'd' => 86_400, 'h' => 3_600, 'm' => 60, 's' => 1, _ => 0 };
            // Units go from larger to smaller, each at most once: "1h30m", not "30m1h".
            if (unit == 0 || unit >= lastUnit)
            {
                return false;
            }
            lastUnit = unit;
            seconds += number * unit;
        }
        duration = TimeSpan.FromSeconds(seconds);
        return true;
    }

    public static string Format(TimeSpan duration)
    {
        var seconds = (long)duration.TotalSeconds;
        if (seconds == 0)
        {
            return "0s";
        }
        var text = new StringBuilder();
        foreach (var (unit, suffix) in new[] { (86_400L, 'd'), (3_600L, 'h'), (60L, 'm'), (1L, 's') })
        {
            if (seconds >= unit)
            {
                text.Append(CultureInfo.InvariantCulture, $"{seconds / unit}{suffix}");
                seconds %= unit;
            }
        }
        return text.ToString();
    }

    // Reads a duration setting (an environment variable) at start; a bad value stops the start with
    // a message naming the setting and the range rather than running on a guess.
    public static TimeSpan Setting(IConfiguration configuration, string name, TimeSpan fallback, TimeSpan min, TimeSpan max)
    {
        var text = configuration[name];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        return TryParse(text, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidOperationException($"{name} must be a duration from {Format(min)} to {Format(max)} (got '{text}')");
    }

    // Reads an optional duration field; reports a clear error naming it and the allowed range.
    public static TimeSpan Read(string? text, string field, TimeSpan fallback, TimeSpan min, TimeSpan max, ValidationErrors errors)
    {
        if (text is null)
        {
            return fallback;
        }
        if (!TryParse(text, out var duration))
        {
            errors.Add(field, $"'{text}' is not a duration: write a number with a unit, e.g. 30s, 5m, 1h or 1h30m.");
            return fallback;
        }
        if (duration < min || duration > max)
        {
            errors.Add(field, $"must be between {Format(min)} and {Format(max)} (got {Format(duration)}).");
        }
        return duration;
    }
}
