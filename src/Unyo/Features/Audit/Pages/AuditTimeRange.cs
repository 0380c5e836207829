using System.Globalization;
using Unyo.Hosting;

namespace Unyo.Features.Audit.Pages;

// The audit page's from/to boxes: plain text, so a refused value comes back exactly as typed.
// Pages show UTC, so a time typed without an offset is read as UTC; the API's rule applies too:
// from is inclusive, to exclusive, and to must come after from.
public static class AuditTimeRange
{
    public static (DateTimeOffset? From, DateTimeOffset? To) Read(string? from, string? to, ValidationErrors errors)
    {
        var (start, end) = (Instant(from, "from", errors), Instant(to, "to", errors));
        if (start >= end)
        {
            errors.Add("to", "must be after from.");
        }
        return errors.IsEmpty ? (start, end) : (null, null);
    }

    private static DateTimeOffset? Instant(string? text, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at.ToUniversalTime();
        }
        errors.Add(field, $"'{text.Trim()}' is not a time such as 2026-03-01 22:00 (UTC).");
        return null;
    }
}
