using Microsoft.Net.Http.Headers;

namespace Unyo.Hosting;

// Optimistic concurrency over HTTP: the ETag is the object's revision, and a write with a
// stale If-Match is refused with 412 rather than overwriting someone else's change.
public static class ETags
{
    public static string For(int revision) => $"\"{revision}\"";

    // True when there is no If-Match, or when it names the current revision (or is "*").
    public static bool Matches(HttpRequest request, int revision)
    {
        var ifMatch = request.Headers[HeaderNames.IfMatch];
        if (ifMatch.Count == 0)
        {
            return true;
        }
        var current = For(revision);
        return ifMatch.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Any(tag => tag == "*" || tag == current || tag == $"W/{current}");
    }

    public static void Set(HttpResponse response, int revision) => response.Headers.ETag = For(revision);
}
