namespace Unyo.Client;

/// <summary>One notification in the outbox: a message about an alert to one channel, and how its delivery went.</summary>
/// <param name="Id">The delivery id receivers see (<c>X-Unyo-Delivery</c> on webhooks).</param>
/// <param name="Channel">Slug of the channel it goes to.</param>
/// <param name="ChannelType">The channel's kind: <c>email</c>, <c>slack</c>, <c>webhook</c> and so on.</param>
/// <param name="Team">Slug of the team that owns the channel.</param>
/// <param name="AlertId">The alert it tells of; null for a channel test.</param>
/// <param name="AlertSummary">That alert's summary.</param>
/// <param name="Event"><c>triggered</c>, <c>acknowledged</c>, <c>resolved</c> or <c>escalated</c> (sent again).</param>
/// <param name="Status"><c>pending</c>, <c>delivered</c> or <c>dead</c> (refused for good, or still failing when its retry time ran out).</param>
/// <param name="Attempts">How many times it was sent.</param>
/// <param name="CreatedAt">When it was written to the outbox.</param>
/// <param name="NextAttemptAt">When a pending notification is tried next.</param>
/// <param name="GiveUpAt">When retries stop.</param>
/// <param name="DeliveredAt">When the receiver took it.</param>
/// <param name="LastStatusCode">The receiver's last HTTP status, if it answered.</param>
/// <param name="LastError">Why the last attempt failed.</param>
public sealed record NotificationResponse(
    Guid Id,
    string Channel,
    string ChannelType,
    string Team,
    long? AlertId,
    string? AlertSummary,
    string Event,
    string Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset GiveUpAt,
    DateTimeOffset? DeliveredAt,
    int? LastStatusCode,
    string? LastError);
