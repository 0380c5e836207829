using Microsoft.Net.Http.Headers;
using Unyo.Hosting;

namespace Unyo.Features.Slos.Sla;

// JSON or CSV: ?format= decides; without it, an Accept header that prefers text/csv to JSON.
public static class SlaFormat
{
    public static bool WantsCsv(string? format, HttpRequest request, ValidationErrors errors)
    {
        switch (format)
        {
            case "csv":
                return true;
            case "json":
                return false;
            case null or "":
                break;
            default:
                errors.Add("format", $"'{format}' is not a format: use json or csv.");
                return false;
        }
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted))
        {
            return false;
        }
        var csv = Quality(accepted, "text/csv");
        return csv > 0 && csv >= Quality(accepted, "application/json");
    }

    private static double Quality(IList<MediaTypeHeaderValue> accepted, string mediaType) =>
        accepted.Where(a => a.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase)).Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();
}
