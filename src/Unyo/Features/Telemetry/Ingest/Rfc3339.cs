namespace Unyo.Features.Telemetry.Ingest;

// RFC 3339 date-times straight from UTF-8 to Unix milliseconds, without DateTimeOffset: the
// ingest hot path reads one per event. Stricter than ISO 8601 parsers: a time and an offset are
// required (2026-03-02T10:15:00Z, 2026-03-02T10:15:00.123+02:00).
public static class Rfc3339
{
    public static bool TryParseUnixMilliseconds(ReadOnlySpan<byte> text, out long milliseconds)
    {
        milliseconds = 0;
        if (text.Length < 20
            || !Digits(text, 0, 4, out var year) || text[4] != '-' || !Digits(text, 5, 2, out var month) || text[7] != '-'
            || !Digits(text, 8, 2, out var day) || ((text[10] | 0x20) != 't' && text[10] != ' ')
            || !Digits(text, 11, 2, out var hour) || text[13] != ':' || !Digits(text, 14, 2, out var minute) || text[16] != ':'
            || !Digits(text, 17, 2, out var second))
        {
            return false;
        }
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        var i = 19;
        var fraction = 0;
        if (text[i] == '.')
        {
            var start = ++i;
            while (i < text.Length && (uint)(text[i] - '0') <= 9)
            {
                // Milliseconds are all a minute bucket needs; further digits are read and dropped.
                if (i - start < 3)
                {
                    fraction = fraction * 10 + (text[i] - '0');
                }
                i++;
            }
            if (i == start)
            {
                return false;
            }
            for (var d = Math.Min(i - start, 3); d < 3; d++)
            {
                fraction *= 10;
            }
        }
        if (i >= text.Length)
        {
            return false;
        }
        var offsetMinutes = 0;
        if ((text[i] | 0x20) == 'z')
        {
            i++;
        }
        else if (text[i] is (byte)'+' or (byte)'-')
        {
            if (text.Length - i != 6 || !Digits(text, i + 1, 2, out var offsetHours) || text[i + 3] != ':' || !Digits(text, i + 4, 2, out var offsetMins)
                || offsetHours > 23 || offsetMins > 59)
            {
                return false;
            }
            offsetMinutes = (offsetHours * 60 + offsetMins) * (text[i] == '-' ? -1 : 1);
            i += 6;
        }
        else
        {
            return false;
        }
        if (i != text.Length)
        {
            return false;
        }
        var seconds = DaysFromCivil(year, month, day) * 86_400L + hour * 3600 + minute * 60 + second - offsetMinutes * 60L;
        milliseconds = seconds * 1000 + fraction;
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = (uint)(text[i] - '0');
            if (digit > 9)
            {
                return false;
            }
            value = value * 10 + (int)digit;
        }
        return true;
    }

    // Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    private static long DaysFromCivil(int year, int month, int day)
    {
        year -= month <= 2 ? 1 : 0;
        var era = year / 400;
        var yearOfEra = year - era * 400;
        var dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        var dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }
}
