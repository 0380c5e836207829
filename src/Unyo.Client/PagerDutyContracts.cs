using System.Text.Json.Serialization;

namespace Unyo.Client;

/// <summary>The answer to an accepted PagerDuty Events API v2 event, in PagerDuty's own field names.</summary>
/// <param name="Status"><c>success</c>.</param>
/// <param name="Message">What happened, for people.</param>
/// <param name="DedupKey">The key the event was stored under: the one sent, or a new one for a trigger without it.</param>
public sealed record PagerDutyAccepted(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("dedup_key")] string? DedupKey);

/// <summary>The answer to a refused PagerDuty Events API v2 event; nothing of it was stored.</summary>
/// <param name="Status"><c>invalid event</c> for 400, <c>error</c> otherwise.</param>
/// <param name="Message">The kind of problem.</param>
/// <param name="Errors">Every problem found, each naming its field.</param>
public sealed record PagerDutyRefused(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("errors")] IReadOnlyList<string> Errors);
