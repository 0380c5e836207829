using System.Text.Json;

namespace Unyo.Client;

/// <summary>The answer to events accepted by <c>POST /api/v1/alerts</c>: every one of them is stored.</summary>
/// <param name="Status"><c>success</c>.</param>
/// <param name="DedupKeys">The key each event was stored under, in the order sent: the one given, or a new one for a trigger without it.</param>
public sealed record AlertIntakeAccepted(string Status, IReadOnlyList<string> DedupKeys);

/// <summary>A change event (a deploy, a configuration change) recorded on a service through <c>POST /v2/change/enqueue</c>.</summary>
/// <param name="Id">The event's number, increasing in the order events were stored.</param>
/// <param name="Service">The service whose integration key sent it.</param>
/// <param name="Integration">The integration that sent it.</param>
/// <param name="Summary">What changed.</param>
/// <param name="Source">Where the change came from, when the sender said.</param>
/// <param name="Timestamp">When the change happened (the sender's timestamp, or when it arrived).</param>
/// <param name="Details">The sender's custom details, a JSON object, or null.</param>
/// <param name="Links">Links the sender attached (a pull request, a build).</param>
/// <param name="ReceivedAt">When Unyo stored it.</param>
public sealed record ChangeEventResponse(
    long Id,
    string Service,
    string Integration,
    string Summary,
    string? Source,
    DateTimeOffset Timestamp,
    JsonElement? Details,
    IReadOnlyList<ChangeEventLink> Links,
    DateTimeOffset ReceivedAt);

/// <summary>A link of a change event.</summary>
/// <param name="Href">An http or https URL.</param>
/// <param name="Text">What it shows, when the sender said.</param>
public sealed record ChangeEventLink(string Href, string? Text);
