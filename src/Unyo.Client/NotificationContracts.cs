namespace Unyo.Client;

/// <summary>One notification in the outbox: a message about an alert to one channel, or a page to one person, and how its delivery went.</summary>
/// <param name="Id">The delivery id receivers see (<c>X-Unyo-Delivery</c> on webhooks).</param>
/// <param name="Channel">Slug of the channel it goes to; for a personal page, the person's email.</param>
/// <param name="ChannelType">The channel's kind: <c>email</c>, <c>slack</c>, <c>webhook</c> and so on; for a personal page the contact method's kind (<c>email</c>, <c>sms</c>, <c>voice</c>, <c>chat</c>, <c>push</c>).</param>
/// <param name="Team">Slug of the team that owns the channel; empty for a personal page.</param>
/// <param name="AlertId">The alert it tells of; null for a channel test.</param>
/// <param name="AlertSummary">That alert's summary.</param>
/// <param name="Event"><c>triggered</c>, <c>acknowledged</c>, <c>resolved</c> or <c>escalated</c> (sent again).</param>
/// <param name="Status"><c>pending</c>, <c>delivered</c>, <c>dead</c> (refused for good, or still failing when its retry time ran out) or <c>cancelled</c> (a personal page step the alert's acknowledgement made moot).</param>
/// <param name="Attempts">How many times it was sent.</param>
/// <param name="CreatedAt">When it was written to the outbox.</param>
/// <param name="NextAttemptAt">When a pending notification is tried next.</param>
/// <param name="GiveUpAt">When retries stop.</param>
/// <param name="DeliveredAt">When the receiver took it.</param>
/// <param name="LastStatusCode">The receiver's last HTTP status, if it answered.</param>
/// <param name="LastError">Why the last attempt failed.</param>
/// <param name="Person">For a personal page (an escalation or reassignment), the person's email; null for a channel message.</param>
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
    string? LastError,
    string? Person = null);
